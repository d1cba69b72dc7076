package org.isrepro.reports.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class JsonTest {

    private static String compact(Object value) throws JsonProcessingException {
        return Json.MAPPER.writeValueAsString(value).replaceAll("\\s+", "");
    }

    @Test
    void anUnorderedMapIsWrittenByItsKeysSoThatTwoRenderingsAreIdentical() throws JsonProcessingException {
        Map<String, Object> m = Map.of("zeta", 1, "alpha", 2, "mu", Map.of("b", 1.5, "a", Double.NaN), "eta", 4,
                "beta", List.of(Map.of("y", 1, "x", 2)));
        assertEquals("{\"alpha\":2,\"beta\":[{\"x\":2,\"y\":1}],\"eta\":4,\"mu\":{\"a\":\"NaN\",\"b\":1.5},\"zeta\":1}",
                compact(m));
        Map<String, Object> h = new HashMap<>(m);
        assertEquals(compact(m), compact(h));
    }

    @Test
    void anOrderedMapKeepsItsOwnOrderAndNullValues() throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("headline", "first");
        m.put("b", null);
        m.put("a", new TreeMap<>(Map.of(2.0, "two", 1.0, "one")));
        assertEquals("{\"headline\":\"first\",\"b\":null,\"a\":{\"1.0\":\"one\",\"2.0\":\"two\"}}", compact(m));
    }
}
