package org.isrepro.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A file kind's schema: its name ({@code isrepro.run}), the version writers write, and for each older version still
 * read, the step that lifts a file of that version to the next one (renamed keys, moved fields; never new values).
 *
 * @param name       the part before the slash, e.g. {@code isrepro.run}
 * @param version    the version written today
 * @param migrations version {@code v} → the step from {@code v} to {@code v + 1}
 */
public record SchemaSpec(String name, int version, Map<Integer, UnaryOperator<ObjectNode>> migrations) {

    public SchemaSpec {
        migrations = Map.copyOf(migrations);
        for (int v : migrations.keySet()) {
            if (v < 1 || v >= version) {
                throw new IllegalArgumentException(name + ": a migration from version " + v + " to " + (v + 1)
                        + " makes no sense when the current version is " + version);
            }
        }
    }

    public static SchemaSpec of(String name, int version) {
        return new SchemaSpec(name, version, Map.of());
    }

    /** The value of the {@code schema} field a writer writes, e.g. {@code isrepro.run/2}. */
    public String id() {
        return name + "/" + version;
    }

    /** The oldest version read: every version from it up to {@link #version} has a migration. */
    public int oldestRead() {
        int v = version;
        while (migrations.containsKey(v - 1)) {
            v--;
        }
        return v;
    }

    /**
     * Lifts {@code node} (read from {@code file}) to the current version, or fails with a message naming the file: no
     * schema, another file kind, a newer version (an older checkout), or a version too old to be read.
     */
    ObjectNode upgrade(ObjectNode node, String file) {
        String schema = node.path("schema").isTextual() ? node.get("schema").asText() : null;
        if (schema == null) {
            throw new IllegalArgumentException(file + ": no 'schema' field, so not a '" + id() + "' file"
                    + " (see docs/records.md)");
        }
        int slash = schema.lastIndexOf('/');
        int v;
        try {
            v = slash < 0 ? -1 : Integer.parseInt(schema.substring(slash + 1));
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (slash < 0 || v < 1 || !schema.substring(0, slash).equals(name)) {
            throw new IllegalArgumentException(file + ": schema is '" + schema + "', expected '" + id() + "'"
                    + " (see docs/records.md)");
        }
        if (v > version) {
            throw new IllegalArgumentException(file + ": schema is '" + schema + "', newer than '" + id()
                    + "' which this checkout reads; it was written by a newer isrepro: update this checkout");
        }
        if (v < oldestRead()) {
            throw new IllegalArgumentException(file + ": schema is '" + schema + "', older than the oldest version "
                    + "read ('" + name + "/" + oldestRead() + "'); produce the file again with this checkout");
        }
        ObjectNode n = node;
        for (; v < version; v++) {
            n = migrations.get(v).apply(n);
        }
        n.put("schema", id());
        return n;
    }

    /** The versions read, oldest first, for messages and docs. */
    public Map<Integer, String> versionsRead() {
        Map<Integer, String> out = new TreeMap<>();
        for (int v = oldestRead(); v <= version; v++) {
            out.put(v, name + "/" + v);
        }
        return out;
    }
}
