package org.isrepro.reproduction.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.isrepro.records.RecordFiles;

/** The one JSON mapper of the module; non-finite doubles are written as null by the record writers. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static void writeAtomically(Path target, Object value) {
        RecordFiles.writeWith(target, out -> MAPPER.writeValue(out, value));
    }

    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A value as plain JSON data with every object's keys sorted: two configurations are the same exactly when
     * their canonical forms are equal, whatever the key order of the maps they were built from (a {@code Map.of}
     * iterates in a different order in every JVM).
     */
    public static Object canonical(Object value) {
        Object plain = value instanceof String s ? parse(s) : MAPPER.convertValue(value, Object.class);
        return sorted(plain);
    }

    /** The canonical form as one line of text. */
    public static String canonicalText(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(canonical(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The paths at which two canonical values differ, each as "path: saved → current" (at most {@code limit}),
     * so that a refused resume names the field that changed.
     */
    public static List<String> differences(Object saved, Object current, int limit) {
        List<String> out = new ArrayList<>();
        diff("", canonical(saved), canonical(current), out, limit);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void diff(String path, Object a, Object b, List<String> out, int limit) {
        if (out.size() >= limit || Objects.equals(a, b)) {
            return;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            TreeMap<String, Object> keys = new TreeMap<>();
            ma.keySet().forEach(k -> keys.put((String) k, null));
            mb.keySet().forEach(k -> keys.put((String) k, null));
            for (String k : keys.keySet()) {
                diff(path.isEmpty() ? k : path + "." + k, ma.get(k), mb.get(k), out, limit);
            }
            return;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            for (int i = 0; i < la.size(); i++) {
                diff(path + "[" + i + "]", la.get(i), lb.get(i), out, limit);
            }
            return;
        }
        out.add((path.isEmpty() ? "(root)" : path) + ": " + a + " → " + b);
    }

    private static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
        }
    }

    private static Object sorted(Object v) {
        if (v instanceof Map<?, ?> m) {
            TreeMap<String, Object> t = new TreeMap<>();
            m.forEach((k, x) -> t.put(String.valueOf(k), sorted(x)));
            return t;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(sorted(x)));
            return out;
        }
        // Integral doubles and longs compare as numbers, not by their Java type.
        if (v instanceof Number n && !(v instanceof Double || v instanceof Float)) {
            return n.doubleValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        return v;
    }

    /** NaN and infinities are not JSON: write null. */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
