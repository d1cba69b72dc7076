package org.isrepro.reports.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** One shared mapper and the small accessors used to read optional fields without nulls leaking. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static JsonNode read(Path file) {
        try {
            if (Files.size(file) == 0) {
                throw new IllegalArgumentException(file + ": the file is empty (an interrupted write?)");
            }
            JsonNode n = MAPPER.readTree(file.toFile());
            if (n == null || n.isMissingNode() || !n.isContainerNode()) {
                throw new IllegalArgumentException(file + ": not a JSON object or array");
            }
            return n;
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.toString();
            throw new IllegalArgumentException(file + ": cannot parse: " + why, e);
        }
    }

    /** Writes atomically: a temporary file in the same directory, then a move (as records are written). */
    public static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            MAPPER.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
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
}
