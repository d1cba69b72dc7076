package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.isrepro.reproduction.run.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Configurations compare by content, whatever the key order of the maps they were built from. */
@Tag("fast")
class CanonicalConfigTest {

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void mapsWithTheSameEntriesInAnotherOrderAreTheSameConfiguration() {
        Map<String, Object> a = ordered("budget", ordered("unit", "cost", "amount", 3000.0), "b", 16, "lr",
                List.of(ordered("at", 0.4, "factor", 0.2)));
        Map<String, Object> b = ordered("lr", List.of(ordered("factor", 0.2, "at", 0.4)), "b", 16, "budget",
                ordered("amount", 3000.0, "unit", "cost"));
        assertEquals(List.of(), Json.differences(a, b, 5));
        assertEquals(Json.canonicalText(a), Json.canonicalText(b));
        // Saved as text (a checkpoint) or as a map (a live configuration): the same.
        assertEquals(List.of(), Json.differences(Json.canonicalText(a), b, 5));
    }

    @Test
    void aRealDifferenceIsNamedByItsPath() {
        Map<String, Object> a = ordered("budget", ordered("unit", "cost", "amount", 3000.0), "presample", 48);
        Map<String, Object> b = ordered("presample", 96, "budget", ordered("amount", 3000.0, "unit", "cost"));
        List<String> d = Json.differences(a, b, 5);
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("presample: 48"), d.toString());
    }

    @Test
    void integralNumbersCompareByValueNotByJavaType() {
        assertEquals(List.of(), Json.differences(ordered("n", 3), ordered("n", 3L), 5));
        assertEquals(List.of(), Json.differences(ordered("x", 2.0), "{\"x\": 2}", 5));
    }
}
