package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Budget;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.LrSchedule;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.models.Architectures;
import org.isrepro.reproduction.run.Json;
import org.isrepro.reproduction.run.Matrix;
import org.isrepro.reproduction.run.RunOptions;
import org.isrepro.reproduction.run.Runner;
import org.isrepro.records.RunRecord;
import org.isrepro.records.SeriesPoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Sgd;

@Tag(Tags.SMOKE)
class RunnerTest {

    @Test
    void aResumedRunFinishesLikeAnUninterruptedOne(@TempDir Path a, @TempDir Path b) {
        Experiment e = Experiments.get("resnet50-mit67", Scale.SMOKE);
        MethodSpec m = e.method("upper-bound");
        RunRecord straight = new Runner(RunOptions.defaults(a).withProgressBar(false)).run(e, m, 0);
        RunOptions killed = RunOptions.defaults(b).withProgressBar(false).stoppingAfter(2);
        assertThrows(Runner.Stopped.class, () -> new Runner(killed).run(e, m, 0));
        assertTrue(Files.exists(b.resolve("checkpoints").resolve(Runner.runName(e, m, 0) + ".ckpt")));
        RunRecord resumed = new Runner(RunOptions.defaults(b).withProgressBar(false)).run(e, m, 0);
        List<SeriesPoint> s1 = straight.series();
        List<SeriesPoint> s2 = resumed.series();
        assertEquals(s1.size(), s2.size());
        for (int i = 0; i < s1.size(); i++) {
            SeriesPoint p1 = s1.get(i);
            SeriesPoint p2 = s2.get(i);
            // everything but the wall clock
            assertEquals(java.util.Arrays.asList(p1.iteration(), p1.costUnits(), p1.samplesSeen(), p1.epoch(), p1.trainLoss(),
                            p1.testError(), p1.testLoss(), p1.validationError(), p1.tau(), p1.isOn(), p1.learningRate()),
                    java.util.Arrays.asList(p2.iteration(), p2.costUnits(), p2.samplesSeen(), p2.epoch(), p2.trainLoss(),
                            p2.testError(), p2.testLoss(), p2.validationError(), p2.tau(), p2.isOn(), p2.learningRate()),
                    "point " + i);
        }
        assertEquals(1, resumed.provenance().resumedCount());
        // the record says what chose its kernels, the same on the same machine (docs/machines.md)
        assertTrue(straight.provenance().kernels() != null && straight.provenance().kernels().blas() != null,
                String.valueOf(straight.provenance().kernels()));
        assertEquals(straight.provenance().kernels(), resumed.provenance().kernels());
        assertTrue(Files.notExists(b.resolve("checkpoints").resolve(Runner.runName(e, m, 0) + ".ckpt")),
                "a finished run's checkpoint is removed");
    }

    @Test
    void aDivergingRunIsRecordedAsDivergedAndTheMatrixGoesOn(@TempDir Path out) {
        Experiment base = Experiments.get("resnet50-mit67", Scale.SMOKE);
        Experiment exploding = new Experiment("exploding", Scale.SMOKE, new Experiment.About("test", "lr 1e30", "test", "none"),
                base.data(), new Experiment.Network(seed -> DlModel.of(Architectures.mlp(new long[] {1, 28, 28},
                new int[] {32}, 5, seed, new Sgd(1e30), 0)), "mlp", "sgd"), new Experiment.Protocol(16, 48, 2.0, 0.9),
                new Experiment.Training(Budget.cost(3_000), LrSchedule.constant(1e30)),
                new Experiment.Evaluation(4, 64, 64), List.of(MethodSpec.of("uniform")), List.of(0), Map.of(),
                Experiment.Grids.NONE);
        Experiments.register("exploding", s -> exploding);
        Matrix.Summary s = new Matrix(RunOptions.defaults(out).withProgressBar(false))
                .run(List.of("exploding", "resnet50-mit67"), Scale.SMOKE);
        assertEquals(List.of("exploding__uniform__seed0__smoke"), s.diverged());
        assertEquals(3, s.completed().size(), "the matrix went on: " + s);
        Map<String, Object> r = Json.read(out.resolve("runs/exploding__uniform__seed0__smoke.json"), Map.class);
        assertEquals("diverged", r.get("status"));
    }

    @Test
    void unknownExperimentsAndMethodsAreNamedInTheError() {
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                () -> Experiments.get("wrn-cifar1000", Scale.SMOKE));
        assertTrue(e1.getMessage().contains("wrn-cifar10"), e1.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> Experiments.get("wrn-cifar10", Scale.SMOKE).method("upper-bond"));
        assertTrue(e2.getMessage().contains("upper-bound"), e2.getMessage());
    }
}
