package org.isrepro.reproduction.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Budget;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;

/**
 * The runs a matrix will make, with their expected cost, without loading any data. Costs are GPU-seconds
 * of training (evaluation passes, data loading and checkpointing are not included):
 * <ul>
 *   <li>a wall-clock budget (paper scale §4.2-4.4) is its own cost: basis {@code budget};</li>
 *   <li>an iteration budget costs its iterations, and a cost-clock budget its uniform-equivalent iterations
 *       (units / 3b: one uniform step costs a forward and a backward of b samples, §3.3), times a
 *       seconds-per-iteration figure: basis {@code measured} when one is given, else {@code assumed}
 *       ({@link #ASSUMED_SECONDS_PER_ITERATION}).</li>
 * </ul>
 * A method tuned on validation ({@link Tuning}) adds its search, grid size × budget fraction × one run, to
 * its first seed, and all its seeds form one group so that a shard searches once.
 */
public final class Plan {
    /** §4.2's reconstructed budget over the paper's 50k updates (README): 4 h / 50,000 = 0.288 s per update. */
    public static final double ASSUMED_SECONDS_PER_ITERATION = 14_400.0 / 50_000;

    private Plan() {
    }

    /** Every method × seed of {@code experimentIds} at {@code scale}; {@code secondsPerIteration} may be null. */
    public static List<PlannedRun> of(List<String> experimentIds, Scale scale, Double secondsPerIteration) {
        if (secondsPerIteration != null && !(secondsPerIteration > 0 && secondsPerIteration < 1e6)) {
            throw new IllegalArgumentException("seconds per iteration must be positive, got " + secondsPerIteration);
        }
        List<PlannedRun> runs = new ArrayList<>();
        for (String id : experimentIds) {
            Experiment e = Experiments.get(id, scale);
            for (MethodSpec m : e.methods()) {
                List<Map<String, Object>> grid = e.grid(m.method());
                boolean tuned = !grid.isEmpty() && m.overrides().isEmpty();
                double one = seconds(e, secondsPerIteration);
                for (int seed : e.seeds()) {
                    String name = Runner.runName(e, m, seed);
                    double tuning = tuned && seed == e.seeds().get(0) ? grid.size() * e.grids().budgetFraction() * one : 0;
                    runs.add(new PlannedRun(e.id(), m.label(), seed, name, tuned ? e.id() + "/" + m.label() : name,
                            one + tuning, basis(e.training().budget(), secondsPerIteration)));
                }
            }
        }
        return runs;
    }

    static double seconds(Experiment e, Double secondsPerIteration) {
        double perIteration = secondsPerIteration == null ? ASSUMED_SECONDS_PER_ITERATION : secondsPerIteration;
        Budget b = e.training().budget();
        return switch (b.unit()) {
            case SECONDS -> b.amount();
            case ITERATIONS -> b.amount() * perIteration;
            case COST -> b.amount() / (3.0 * e.protocol().batchSize()) * perIteration;
        };
    }

    static String basis(Budget b, Double secondsPerIteration) {
        if (b.unit() == Budget.Unit.SECONDS) {
            return "budget";
        }
        return secondsPerIteration == null ? "assumed" : "measured";
    }
}
