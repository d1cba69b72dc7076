package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Json;
import org.isrepro.reproduction.run.Matrix;
import org.isrepro.reproduction.run.Runner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The RAIS poster's experiments: the oracle study (uniform, O-SGD, RAIS on MNIST) and RAIS vs uniform on the
 * §4.2 setting. Asserts what must hold at any scale: complete records with separate validation and test
 * error, the budget spent, uniform not diverged, RAIS importance sampling after its warm-up. The speed-up
 * claims are judged by the reports module.
 */
class RaisSuite {
    private static final List<String> EXPERIMENTS = List.of("rais-mnist-oracle", "rais-cifar10", "rais-cifar100");

    @Test
    @Tag(Tags.SMOKE)
    void smokeRecordsAreComplete() {
        runAndCheck(Scale.SMOKE, EXPERIMENTS);
    }

    @Test
    @Tag("rais")
    void reproduceAtConfiguredScale() {
        runAndCheck(Scale.fromSystemProperty(), EXPERIMENTS);
    }

    @SuppressWarnings("unchecked")
    static void runAndCheck(Scale scale, List<String> experiments) {
        Matrix.Summary s = new Matrix(SuiteSupport.options()).run(experiments, scale);
        assertTrue(s.failed().isEmpty(), "failed runs: " + s.failed());
        Runner runner = new Runner(SuiteSupport.options());
        for (String id : experiments) {
            Experiment e = Experiments.get(id, scale);
            for (MethodSpec m : e.methods()) {
                for (int seed : e.seeds()) {
                    Map<String, Object> r = Json.read(runner.recordPath(e, m, seed), Map.class);
                    String name = Runner.runName(e, m, seed);
                    assertEquals(org.isrepro.records.RunRecord.SCHEMA.id(), r.get("schema"), name);
                    if (m.method().equals("uniform")) {
                        assertEquals("completed", r.get("status"), name + " diverged");
                    }
                    List<Map<String, Object>> series = (List<Map<String, Object>>) r.get("series");
                    assertTrue(series.size() >= 2, name + ": fewer than two evaluations");
                    if (!"completed".equals(r.get("status"))) {
                        continue;
                    }
                    Map<String, Object> last = series.get(series.size() - 1);
                    assertNotNull(last.get("trainLoss"), name);
                    assertNotNull(last.get("testError"), name);
                    assertNotNull(last.get("validationError"), name);
                    Map<String, Object> budget = (Map<String, Object>) ((Map<String, Object>) r.get("config")).get("budget");
                    String field = switch ((String) budget.get("unit")) {
                        case "cost" -> "costUnits";
                        case "iterations" -> "iteration";
                        default -> "wallSeconds";
                    };
                    double spent = ((Number) last.get(field)).doubleValue();
                    double amount = ((Number) budget.get("amount")).doubleValue();
                    assertTrue(spent >= amount, name + ": budget not spent (" + spent + " < " + amount + ")");
                    Map<String, Object> summary = (Map<String, Object>) r.get("summary");
                    long is = ((Number) summary.get("isIterations")).longValue();
                    switch (m.method()) {
                        case "uniform" -> assertEquals(0L, is, name);
                        case "osgd" -> assertEquals(((Number) summary.get("iterations")).longValue(), is, name);
                        case "rais" -> assertTrue(is > 0, name + ": RAIS never importance sampled after its warm-up");
                        default -> { }
                    }
                }
            }
        }
    }
}
