package org.isrepro.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes result files. Writing is atomic (a temporary file in the same directory, then a move), so a reader
 * never sees half a file. Reading checks the schema ({@link SchemaSpec}) and binds strictly: a key the type does not
 * declare, or a value of the wrong type, fails with the file's name, so a writer and a reader cannot drift apart
 * silently.
 */
public final class RecordFiles {
    /** Indented output; keys in the order the types declare them. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private RecordFiles() {
    }

    /** Reads {@code file} as {@code type}, lifting an older schema version that is still read. */
    public static <T> T read(Path file, Class<T> type, SchemaSpec schema) {
        return bind(upgrade(tree(file), file, schema), type, file);
    }

    /** The file as a tree at the current version of {@code schema} (for readers that only need a few fields). */
    public static ObjectNode upgrade(JsonNode tree, Path file, SchemaSpec schema) {
        if (!(tree instanceof ObjectNode o)) {
            throw new IllegalArgumentException(file + ": not a JSON object");
        }
        return schema.upgrade(o.deepCopy(), file.toString());
    }

    public static <T> T bind(JsonNode tree, Class<T> type, Path file) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(file + ": " + where(e) + e.getOriginalMessage()
                    + " (see docs/records.md)", e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage() + " (see docs/records.md)", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The field a binding failed at, e.g. {@code "at summary.wallSeconds: "}. */
    private static String where(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "" : "at " + sb + ": ";
    }

    /** The file's JSON; fails naming the file when it is empty or not JSON. */
    public static JsonNode tree(Path file) {
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
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString();
            throw new IllegalArgumentException(file + ": cannot parse: " + why, e);
        }
    }

    /** Writes {@code value} as JSON atomically. */
    public static void write(Path file, Object value) {
        writeWith(file, out -> MAPPER.writeValue(out, value));
    }

    /** What goes into the temporary file before it is moved into place. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes through {@code body} into a temporary file next to {@code file}, forces it to disk and renames it into
     * place atomically: a reader sees the old file or the new one, never half of one.
     */
    public static void writeWith(Path file, Body body) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    body.writeTo(out);
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /** JSON has no NaN or infinity: a non-finite measurement is written as null. */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A nullable number as a double, NaN for null (how the analysis reads an absent measurement). */
    public static double orNaN(Number n) {
        return n == null ? Double.NaN : n.doubleValue();
    }
}
