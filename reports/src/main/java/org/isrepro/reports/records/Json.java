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
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse " + file + ": " + e.getMessage(), e);
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
        if (!expected.equals(schema)) {
            throw new IllegalArgumentException(file + ": schema is '" + schema + "', expected '" + expected
                    + "' (see docs/records.md and docs/reports.md)");
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
