package org.isrepro.reproduction.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.isrepro.datasets.DryRun;

/**
 * A paper-scale experiment shrunk for a dry run (README, "Dry run of the paper scale"): the same data path
 * (synthetic files through the real loaders), the full-size network, the paper's b, B and tau_th, but a budget of
 * {@code iterations} updates, one seed, an evaluation after every update on at most {@link #EVAL_SAMPLES} samples,
 * and only the first candidate of each tuning grid. Its stand-in text, which every record and report carries, is
 * {@link DryRun#label}.
 */
public final class DryRunExperiment {
    /** Samples each evaluation scores: enough to exercise the evaluator, few enough for a ResNet-50 on a CPU. */
    public static final int EVAL_SAMPLES = 32;

    private DryRunExperiment() {
    }

    public static Experiment of(Experiment e, int iterations) {
        Map<String, List<Map<String, Object>>> firstCandidates = new LinkedHashMap<>();
        e.grids().byMethod().forEach((method, grid) -> firstCandidates.put(method, List.of(grid.get(0))));
        return new Experiment(e.id(), e.scale(), new Experiment.About(e.about().section(), e.about().title(),
                DryRun.label(iterations), e.about().paperSetting()), e.data(), e.network(), e.protocol(),
                new Experiment.Training(Budget.iterations(iterations), e.training().schedule()),
                new Experiment.Evaluation(iterations, Math.min(EVAL_SAMPLES, e.evaluation().trainSize()),
                        Math.min(EVAL_SAMPLES, e.evaluation().testSize())), e.methods(), List.of(e.seeds().get(0)),
                e.methodDefaults(), new Experiment.Grids(firstCandidates, e.grids().budgetFraction()));
    }
}
