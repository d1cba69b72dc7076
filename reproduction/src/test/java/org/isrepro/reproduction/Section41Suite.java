package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.ablation.Ablation41;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** §4.1 (figures 1 and 2): the ablation file is complete and its numbers are well-formed. */
class Section41Suite {

    @SuppressWarnings("unchecked")
    static void check(Scale scale) {
        Ablation41.Config c = Ablation41.Config.forScale(scale);
        Path file = Ablation41.run(c, SuiteSupport.outDir(), false);
        Map<String, Object> out = Json.read(file, Map.class);
        List<Map<String, Object>> cps = (List<Map<String, Object>>) out.get("checkpoints");
        assertEquals(c.checkpoints().length, cps.size());
        for (Map<String, Object> cp : cps) {
            for (String key : List.of("sse_loss", "sse_upper_bound", "variance_ratio_loss", "variance_ratio_upper_bound",
                    "variance_ratio_gradient_norm")) {
                double v = ((Number) cp.get(key)).doubleValue();
                assertTrue(Double.isFinite(v) && v >= 0, key + " = " + v);
            }
            for (String key : List.of("pearson_loss", "pearson_upper_bound")) {
                double v = ((Number) cp.get(key)).doubleValue();
                assertTrue(v >= -1 && v <= 1, key + " = " + v);
            }
            assertEquals(c.sample(), ((List<?>) cp.get("p_gradient_norm")).size());
        }
    }

    @Test
    @Tag(Tags.SMOKE)
    void smokeAblationIsComplete() {
        check(Scale.SMOKE);
    }

    @Test
    @Tag(Tags.REPRODUCTION)
    void reproduceAtConfiguredScale() {
        check(Scale.fromSystemProperty());
    }
}
