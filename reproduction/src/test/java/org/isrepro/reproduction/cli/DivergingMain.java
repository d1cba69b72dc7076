package org.isrepro.reproduction.cli;

import java.util.List;
import java.util.Map;
import org.isrepro.core.model.DlModel;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Budget;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.LrSchedule;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.models.Architectures;
import org.nd4j.linalg.learning.config.Sgd;

/** The command line with one more experiment, "exploding" (learning rate 1e30), whose runs diverge. */
public final class DivergingMain {
    private DivergingMain() {
    }

    public static void main(String[] args) {
        Experiments.register("exploding", s -> {
            Experiment base = Experiments.get("resnet50-mit67", Scale.SMOKE);
            return new Experiment("exploding", Scale.SMOKE, new Experiment.About("test", "lr 1e30", "test", "none"),
                    base.data(), new Experiment.Network(seed -> DlModel.of(Architectures.mlp(new long[] {1, 28, 28},
                    new int[] {32}, 5, seed, new Sgd(1e30), 0)), "mlp", "sgd"), new Experiment.Protocol(16, 48, 2.0, 0.9),
                    new Experiment.Training(Budget.cost(3_000), LrSchedule.constant(1e30)),
                    new Experiment.Evaluation(4, 64, 64), List.of(MethodSpec.of("uniform")), List.of(0), Map.of(),
                    Experiment.Grids.NONE);
        });
        Main.main(args);
    }
}
