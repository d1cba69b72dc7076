package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Json;
import org.isrepro.reproduction.run.Matrix;
import org.isrepro.reproduction.run.RunOptions;
import org.isrepro.reproduction.run.Runner;

/**
 * What every reproduction suite asserts at any scale: each run of the matrix wrote a complete record, the
 * stable methods did not diverge, and importance sampling switched on exactly when tau crossed tau_th.
 * The paper's claims themselves are judged by the reports module.
 */
public final class SuiteSupport {
    private SuiteSupport() {
    }

    public static Path outDir() {
        return Path.of(System.getProperty("isrepro.out", "reports/out"));
    }

    /** The paper's own comparison of §4.2-4.4: uniform, loss and upper-bound. */
    public static boolean paperMethod(MethodSpec m) {
        return List.of("uniform", "loss", "upper-bound").contains(m.method());
    }

    public static RunOptions options() {
        return RunOptions.defaults(outDir()).withProgressBar(false);
    }

    /** A progress bar per run for a person watching a reproduction; none in CI or at smoke scale. */
    public static RunOptions options(Scale scale) {
        return options().withProgressBar(scale != Scale.SMOKE && !"true".equals(System.getenv("CI")));
    }

    public static void runAndCheck(Scale scale, List<String> experiments, List<String> stableMethods) {
        runAndCheck(scale, experiments, stableMethods, m -> true);
    }

    @SuppressWarnings("unchecked")
    public static void runAndCheck(Scale scale, List<String> experiments, List<String> stableMethods,
                                   java.util.function.Predicate<MethodSpec> include) {
        Matrix.Summary s = new Matrix(options(scale)).run(experiments, scale, include);
        assertTrue(s.failed().isEmpty(), "failed runs: " + s.failed());
        Runner runner = new Runner(options());
        for (String id : experiments) {
            Experiment e = Experiments.get(id, scale);
            for (MethodSpec m : e.methods()) {
                if (!include.test(m)) {
                    continue;
                }
                for (int seed : e.seeds()) {
                    Map<String, Object> r = Json.read(runner.recordPath(e, m, seed), Map.class);
                    String name = Runner.runName(e, m, seed);
                    assertEquals(org.isrepro.records.RunRecord.SCHEMA.id(), r.get("schema"), name);
                    if (stableMethods.contains(m.method())) {
                        assertEquals("completed", r.get("status"), name + " diverged");
                    }
                    List<Map<String, Object>> series = (List<Map<String, Object>>) r.get("series");
                    assertTrue(series.size() >= 2, name + ": fewer than two evaluations");
                    Map<String, Object> last = series.get(series.size() - 1);
                    if ("completed".equals(r.get("status"))) {
                        assertNotNull(last.get("trainLoss"), name);
                        assertNotNull(last.get("testError"), name);
                        assertNotNull(last.get("validationError"), name);
                        double budget = ((Number) ((Map<String, Object>) ((Map<String, Object>) r.get("config"))
                                .get("budget")).get("amount")).doubleValue();
                        String unit = (String) ((Map<String, Object>) ((Map<String, Object>) r.get("config"))
                                .get("budget")).get("unit");
                        String clock = switch (unit) {
                            case "cost" -> "costUnits";
                            case "iterations" -> "iteration";
                            default -> "wallSeconds";
                        };
                        double spent = ((Number) last.get(clock)).doubleValue();
                        assertTrue(spent >= budget, name + ": budget not spent (" + spent + " < " + budget + ")");
                    }
                    Map<String, Object> summary = (Map<String, Object>) r.get("summary");
                    Object firstAbove = summary.get("firstTauAboveThIteration");
                    Object firstOn = summary.get("firstIsOnIteration");
                    if (List.of("loss", "upper-bound", "gradient-norm").contains(m.method())) {
                        // Algorithm 1: the first step after tau exceeds tau_th is importance sampled.
                        assertEquals(firstAbove, firstOn, name + ": IS switched on at " + firstOn
                                + " but tau crossed tau_th before step " + firstAbove);
                    } else if ("uniform".equals(m.method())) {
                        assertEquals(0L, ((Number) summary.get("isIterations")).longValue(), name);
                    }
                    assertFalse(((Map<String, Object>) r.get("provenance")).isEmpty(), name);
                }
            }
        }
    }
}
