package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.checks.GoodfellowCheck;
import org.isrepro.reproduction.checks.LastLayerCheck;
import org.isrepro.reproduction.checks.SubsetCheck;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The RAIS reviewers' checks write well-formed {@link org.isrepro.records.CheckRecord} files (their numbers are results, not asserts). */
class ReviewerChecksSuite {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readCheck(Path file, String id) {
        Map<String, Object> c = Json.read(file, Map.class);
        assertEquals(org.isrepro.records.CheckRecord.SCHEMA.id(), c.get("schema"));
        assertEquals(id, c.get("id"));
        List<Map<String, Object>> tables = (List<Map<String, Object>>) c.get("tables");
        assertFalse(tables.isEmpty(), id + " has no table");
        for (Map<String, Object> t : tables) {
            int width = ((List<?>) t.get("columns")).size();
            for (Object row : (List<?>) t.get("rows")) {
                assertEquals(width, ((List<?>) row).size(), id + ": row width");
            }
        }
        return c;
    }

    @Test
    @Tag(Tags.SMOKE)
    @SuppressWarnings("unchecked")
    void lastLayerCheckAtSmokeScale() {
        Path f = LastLayerCheck.run(LastLayerCheck.Config.forScale(Scale.SMOKE), SuiteSupport.outDir());
        Map<String, Object> c = readCheck(f, "last-layer");
        List<List<Object>> rows = (List<List<Object>>) ((List<Map<String, Object>>) c.get("tables")).get(0).get("rows");
        assertEquals(3 * 3 * 3, rows.size(), "3 models x 3 stages x 3 proxies");
        for (List<Object> row : rows) {
            if (row.get(3) instanceof Number p) {
                assertTrue(Math.abs(p.doubleValue()) <= 1 + 1e-9, "a correlation outside [-1, 1]: " + row);
            }
        }
    }

    @Test
    @Tag(Tags.SMOKE)
    void goodfellowCheckAtSmokeScale() {
        readCheck(GoodfellowCheck.run(Scale.SMOKE, SuiteSupport.outDir()), "goodfellow");
    }

    @Test
    @Tag(Tags.SMOKE)
    void subsetCheckAtSmokeScale() {
        readCheck(SubsetCheck.run(Scale.SMOKE, SuiteSupport.outDir(), false), "subset");
    }

    @Test
    @Tag("rais")
    void checksAtConfiguredScale() {
        Scale s = Scale.fromSystemProperty();
        if (s == Scale.PAPER) {
            return;  // the checks have no paper scale
        }
        readCheck(LastLayerCheck.run(LastLayerCheck.Config.forScale(s), SuiteSupport.outDir()), "last-layer");
        readCheck(GoodfellowCheck.run(s, SuiteSupport.outDir()), "goodfellow");
        readCheck(SubsetCheck.run(s, SuiteSupport.outDir(), false), "subset");
    }
}
