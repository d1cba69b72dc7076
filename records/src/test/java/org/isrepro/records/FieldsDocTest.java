package org.isrepro.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/records.md cannot drift from the types: its field list is generated from them, and every key its JSON
 * examples show is a field of a type or a configuration key that a writer produced (read from the committed
 * reference run, which real writers made).
 */
@Tag("fast")
class FieldsDocTest {
    static final Path ROOT = Path.of(System.getProperty("isrepro.root", ".."));
    static final Path DOC = ROOT.resolve("docs/records.md");
    static final List<Class<? extends Record>> FILES = List.of(RunRecord.class, CheckRecord.class,
            Ablation41Record.class, BenchRatiosRecord.class, TuningRecord.class);
    static final Map<Class<?>, SchemaSpec> SCHEMAS = Map.of(RunRecord.class, RunRecord.SCHEMA, CheckRecord.class,
            CheckRecord.SCHEMA, Ablation41Record.class, Ablation41Record.SCHEMA, BenchRatiosRecord.class,
            BenchRatiosRecord.SCHEMA, TuningRecord.class, TuningRecord.SCHEMA);

    /** The field list as docs/records.md must show it. */
    static String fieldList() {
        StringBuilder sb = new StringBuilder();
        for (Class<? extends Record> type : FILES) {
            sb.append("- `").append(SCHEMAS.get(type).id()).append("` (`").append(type.getSimpleName())
                    .append("`): ").append(names(type)).append('\n');
            nested(type, "", sb, new TreeSet<>());
        }
        sb.append("- `config` keys the reports read (`RunConfig.READ`): ").append(String.join(", ", RunConfig.READ))
                .append('\n');
        return sb.toString();
    }

    private static String names(Class<?> type) {
        return String.join(", ", Stream.of(type.getRecordComponents()).map(RecordComponent::getName).toList());
    }

    private static void nested(Class<?> type, String path, StringBuilder sb, Set<String> seen) {
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> inner = recordOf(c.getGenericType());
            if (inner == null) {
                continue;
            }
            boolean list = c.getType() == List.class;
            String at = (path.isEmpty() ? "" : path + ".") + c.getName() + (list ? "[]" : "");
            sb.append("  - `").append(at).append("` (`").append(inner.getSimpleName()).append("`): ")
                    .append(names(inner)).append('\n');
            nested(inner, at, sb, seen);
        }
    }

    private static Class<?> recordOf(Type t) {
        if (t instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        return null;
    }

    @Test
    void theFieldListInTheDocIsTheTypes() throws IOException {
        String doc = Files.readString(DOC);
        int a = doc.indexOf("<!-- fields:begin -->\n");
        int b = doc.indexOf("<!-- fields:end -->");
        assertTrue(a >= 0 && b > a, DOC + " has no fields:begin/fields:end markers");
        assertEquals(fieldList(), doc.substring(a + "<!-- fields:begin -->\n".length(), b),
                DOC + ": the field list is out of date; replace it with the expected text");
    }

    @Test
    void everyKeyTheDocShowsIsWrittenBySomeWriter() throws IOException {
        Set<String> known = new TreeSet<>();
        for (Class<? extends Record> type : FILES) {
            collect(type, known);
        }
        // configuration keys and the names inside free maps, as real writers wrote them (the committed run)
        Path reference = ROOT.resolve("reports/reference/cpu");
        List<Path> written = new ArrayList<>();
        try (Stream<Path> s = Files.list(reference.resolve("runs"))) {
            s.forEach(written::add);
        }
        written.add(reference.resolve(Ablation41Record.FILE));
        for (Path f : written) {
            keys(RecordFiles.tree(f).get("config"), known);
        }
        Set<String> unknown = new TreeSet<>();
        String doc = Files.readString(DOC);
        Matcher block = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc);
        while (block.find()) {
            Matcher key = Pattern.compile("\"(\\w+)\"\\s*:").matcher(block.group(1));
            while (key.find()) {
                if (!known.contains(key.group(1))) {
                    unknown.add(key.group(1));
                }
            }
        }
        assertEquals(Set.of(), unknown, DOC + " shows keys that no type declares and no writer wrote");
    }

    private static void collect(Class<?> type, Set<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            out.add(c.getName());
            Class<?> inner = recordOf(c.getGenericType());
            if (inner != null) {
                collect(inner, out);
            }
        }
    }

    private static void keys(com.fasterxml.jackson.databind.JsonNode n, Set<String> out) {
        if (n == null) {
            return;
        }
        n.fields().forEachRemaining(e -> {
            out.add(e.getKey());
            keys(e.getValue(), out);
        });
        n.elements().forEachRemaining(e -> keys(e, out));
    }
}
