package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Json;
import org.isrepro.reproduction.run.Matrix;
import org.isrepro.reproduction.run.RunOptions;
import org.isrepro.reproduction.run.Runner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix skips finished runs of the same configuration and runs the rest in child processes with --jobs. */
@Tag(Tags.SMOKE)
class MatrixTest {
    private static final java.util.function.Predicate<MethodSpec> UNIFORM_AND_UB =
            m -> m.method().equals("uniform") || m.method().equals("upper-bound");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> series(Path file) {
        return (List<Map<String, Object>>) Json.read(file, Map.class).get("series");
    }

    @Test
    void childProcessesWriteTheSameRecordsAsOneProcessAndFinishedRunsAreSkipped(@TempDir Path inProcess,
                                                                              @TempDir Path children) throws Exception {
        Matrix.Summary one = new Matrix(RunOptions.defaults(inProcess).withProgressBar(false))
                .run(List.of("resnet50-mit67"), Scale.SMOKE, UNIFORM_AND_UB);
        assertEquals(2, one.completed().size(), one.toString());
        Matrix.Summary two = new Matrix(RunOptions.defaults(children).withProgressBar(false),
                new Matrix.Execution(2, 1, false, List.of())).run(List.of("resnet50-mit67"), Scale.SMOKE, UNIFORM_AND_UB);
        assertEquals(2, two.completed().size(), two.toString());
        Experiment e = Experiments.get("resnet50-mit67", Scale.SMOKE);
        Runner runner = new Runner(RunOptions.defaults(inProcess));
        for (String method : List.of("uniform", "upper-bound")) {
            String name = Runner.runName(e, e.method(method), 0) + ".json";
            List<Map<String, Object>> a = series(inProcess.resolve("runs").resolve(name));
            List<Map<String, Object>> b = series(children.resolve("runs").resolve(name));
            assertEquals(a.size(), b.size(), name);
            for (int i = 0; i < a.size(); i++) {
                for (String k : List.of("iteration", "costUnits", "trainLoss", "testError", "tau", "isOn")) {
                    assertEquals(a.get(i).get(k), b.get(i).get(k), name + " point " + i + " " + k);
                }
            }
            assertTrue(Files.exists(children.resolve("logs").resolve(Runner.runName(e, e.method(method), 0)
                    + ".log")), "each child's output is kept");
            assertTrue(runner.hasFinishedRecord(e, e.data().get(), e.method(method), 0));
        }
        // A second matrix over the same output skips both runs, in a new process as well as in this one.
        Matrix.Summary again = new Matrix(RunOptions.defaults(children).withProgressBar(false),
                new Matrix.Execution(2, 1, false, List.of())).run(List.of("resnet50-mit67"), Scale.SMOKE, UNIFORM_AND_UB);
        assertEquals(2, again.skipped().size(), again.toString());
        assertEquals(0, again.completed().size(), again.toString());
        Matrix.Summary forced = new Matrix(RunOptions.defaults(inProcess).withProgressBar(false),
                new Matrix.Execution(1, 1, true, List.of())).run(List.of("resnet50-mit67"), Scale.SMOKE,
                m -> m.method().equals("uniform"));
        assertEquals(1, forced.completed().size(), "--force re-runs a finished run: " + forced);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRecordOfAnotherConfigurationIsNotAFinishedRun(@TempDir Path out) {
        Experiment e = Experiments.get("resnet50-mit67", Scale.SMOKE);
        MethodSpec m = e.method("uniform");
        Runner runner = new Runner(RunOptions.defaults(out).withProgressBar(false));
        runner.run(e, m, 0);
        assertTrue(runner.hasFinishedRecord(e, e.data().get(), m, 0));
        Path file = runner.recordPath(e, m, 0);
        Map<String, Object> r = Json.read(file, Map.class);
        ((Map<String, Object>) r.get("config")).put("presample", 96);
        Json.writeAtomically(file, r);
        assertTrue(!runner.hasFinishedRecord(e, e.data().get(), m, 0), "a changed B is another configuration");
    }
}
