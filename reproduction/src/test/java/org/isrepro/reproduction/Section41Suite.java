package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.ablation.Ablation41;
import org.isrepro.reproduction.checks.TauEquivalence;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Json;
import org.isrepro.records.Ablation41Record;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * §4.1 (figures 1 and 2): the ablation file is complete and its numbers are well-formed; with it, the
 * §3.3 check that tau (eq. 26) predicts the variance reduction of resampling.
 */
class Section41Suite {

    static void check(Scale scale) {
        Ablation41.Config c = Ablation41.Config.forScale(scale);
        Path file = Ablation41.run(c, SuiteSupport.outDir(), false);
        List<Ablation41Record.Checkpoint> cps = Ablation41Record.read(file).checkpoints();
        assertEquals(c.checkpoints().length, cps.size());
        for (Ablation41Record.Checkpoint cp : cps) {
            for (double v : new double[] {cp.sseLoss(), cp.sseUpperBound(), cp.varianceRatioLoss(),
                    cp.varianceRatioUpperBound(), cp.varianceRatioGradientNorm()}) {
                assertTrue(Double.isFinite(v) && v >= 0, cp.step() + ": " + cp);
            }
            for (double v : new double[] {cp.pearsonLoss(), cp.pearsonUpperBound()}) {
                assertTrue(v >= -1 && v <= 1, cp.step() + ": pearson " + v);
            }
            assertEquals(c.sample(), cp.pGradientNorm().size());
        }
    }

    @SuppressWarnings("unchecked")
    static void checkTau(Scale scale) {
        Path file = TauEquivalence.run(TauEquivalence.Config.forScale(scale), SuiteSupport.outDir());
        Map<String, Object> out = Json.read(file, Map.class);
        List<Map<String, Object>> tables = (List<Map<String, Object>>) out.get("tables");
        List<List<Object>> rows = (List<List<Object>>) tables.get(0).get("rows");
        assertEquals(TauEquivalence.Config.forScale(scale).checkpoints().length, rows.size());
        for (List<Object> row : rows) {
            double tau = ((Number) row.get(1)).doubleValue();
            double secondMoment = ((Number) row.get(5)).doubleValue();
            assertTrue(tau >= 1, "tau " + tau);
            // eq. 24-26: the second-moment reduction is 1 - 1/tau^2 by algebra; a mismatch is a bug.
            assertEquals(1 - 1 / (tau * tau), secondMoment, 1e-9);
        }
    }

    @Test
    @Tag(Tags.SMOKE)
    void smokeAblationIsComplete() {
        check(Scale.SMOKE);
        checkTau(Scale.SMOKE);
    }

    @Test
    @Tag(Tags.REPRODUCTION)
    void reproduceAtConfiguredScale() {
        check(Scale.fromSystemProperty());
        checkTau(Scale.fromSystemProperty());
    }
}
