package org.isrepro.reports.records;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.isrepro.records.RecordFiles;

/** One shared mapper and the small accessors used to read optional fields without nulls leaking. */
public final class Json {
    /**
     * Writes maps in a fixed order: an ordered map (insertion or sorted) in its own order, any other map (Map.of,
     * HashMap) by its keys as text, so that rendering the same records twice gives byte-identical files.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("stable-map-order").addSerializer(new StableOrderMaps()));

    private Json() {
    }

    /** The file's JSON; fails naming the file when it is empty or not JSON (records' reader). */
    public static JsonNode read(Path file) {
        return RecordFiles.tree(file);
    }

    /** Writes atomically, as every result file is written ({@link RecordFiles#writeWith}). */
    public static void write(Path file, Object value) {
        RecordFiles.writeWith(file, out -> MAPPER.writeValue(out, value));
    }

    public static void writeText(Path file, String text) {
        RecordFiles.writeWith(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A number, or NaN when the field is absent or null. */
    public static double num(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            String t = v.asText();
            if (t.equals("NaN")) {
                return Double.NaN;
            }
            if (t.equals("Infinity")) {
                return Double.POSITIVE_INFINITY;
            }
            if (t.equals("-Infinity")) {
                return Double.NEGATIVE_INFINITY;
            }
        }
        throw new IllegalArgumentException("field '" + field + "' is not a number: " + v);
    }

    /** A string, or null when absent. */
    public static String str(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    public static String required(JsonNode node, String field, Path file) {
        String s = str(node, field);
        if (s == null) {
            throw new IllegalArgumentException(file + ": missing required field '" + field + "'");
        }
        return s;
    }

    public static void requireSchema(JsonNode node, String expected, Path file) {
        String schema = str(node, "schema");
        if (schema == null) {
            throw new IllegalArgumentException(file + ": no 'schema' field, so not a '" + expected + "' file"
                    + " (see docs/records.md and docs/reports.md)");
        }
        if (!expected.equals(schema)) {
            throw new IllegalArgumentException(file + ": schema is '" + schema + "', expected '" + expected + "'"
                    + (newer(schema, expected) ? "; it was written by a newer isrepro: update this checkout" : "")
                    + " (see docs/records.md and docs/reports.md)");
        }
    }

    /** {@code isrepro.run/2} is newer than {@code isrepro.run/1}. */
    private static boolean newer(String schema, String expected) {
        int a = schema.lastIndexOf('/');
        int b = expected.lastIndexOf('/');
        if (a < 0 || b < 0 || !schema.substring(0, a).equals(expected.substring(0, b))) {
            return false;
        }
        try {
            return Integer.parseInt(schema.substring(a + 1)) > Integer.parseInt(expected.substring(b + 1));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static double[] doubles(JsonNode array) {
        if (array == null || array.isNull()) {
            return new double[0];
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            out[i] = v == null || v.isNull() ? Double.NaN : v.asDouble();
        }
        return out;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class StableOrderMaps extends StdSerializer<Map> {
        StableOrderMaps() {
            super(Map.class);
        }

        @Override
        public void serialize(Map map, JsonGenerator g, SerializerProvider provider) throws IOException {
            List<Map.Entry<?, ?>> entries = new ArrayList<>(((Map<?, ?>) map).entrySet());
            if (!(map instanceof LinkedHashMap) && !(map instanceof SortedMap)) {
                entries.sort(Comparator.comparing(e -> String.valueOf(e.getKey())));
            }
            g.writeStartObject(map);
            for (Map.Entry<?, ?> e : entries) {
                String key = String.valueOf(e.getKey());
                if (e.getValue() == null) {
                    g.writeNullField(key);
                } else {
                    provider.defaultSerializeField(key, e.getValue(), g);
                }
            }
            g.writeEndObject();
        }
    }
}
