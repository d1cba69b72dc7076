package org.isrepro.core.method;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.Cost;
import org.isrepro.core.model.Model;

/**
 * Prioritized history sampling after Schaul et al. 2015 (proportional variant), with the sample's loss in
 * place of the TD error, as KF §4.2 compares it: priority p_i = L_i + ε from the last time i was trained
 * on, P(i) = p_i^α / Σ_k p_k^α, and importance weights w_i = (N P(i))^(−β), by default divided by their
 * maximum over the whole training set, max_k (N P(k))^(−β) = (N P_min)^(−β), as in the original.
 *
 * <p>Samples never trained on have the largest priority seen so far (starting at 1), so each is drawn
 * soon. They are held as one group of equal mass, so raising that maximum costs O(1). The b indices are
 * drawn i.i.d. with replacement (the reference's convention; Schaul stratifies). Optionally all N losses
 * are recomputed every {@code recomputeInterval} updates (the reference's history sampler does every 600;
 * Schaul never does).
 *
 * <p>Bias: at β = 1 with {@link Normalisation#NONE} the weighted minibatch gradient is unbiased for the
 * data gradient; with {@link Normalisation#MAX} its expectation is N·P_min times the data gradient (a
 * learning-rate factor that changes from step to step); β &lt; 1 is biased towards high-loss samples.
 *
 * <p>Cost: 3b per step (plus N on recomputation steps); the sum-tree work is O(b log N) and not on the clock.
 */
public final class PrioritizedHistory implements Method {
    public static final String ID = "schaul";

    /** How the weights (N P(i))^(−β) are scaled. */
    public enum Normalisation {
        /** Divided by their maximum over all N samples, as in Schaul et al. (never above 1). */
        MAX,
        /** Not scaled: at β = 1 the step is an unbiased estimate of the full-data step. */
        NONE
    }

    /**
     * @param batchSize         b
     * @param alpha             α ≥ 0, priority exponent (0 = uniform; KF grid 0.1, 0.5, 1)
     * @param beta              β in [0, 1], weight exponent (KF grid 0.5, 1; constant, not annealed)
     * @param epsilon           ε &gt; 0 added to each loss so no sample has zero probability
     * @param normalisation     how weights are scaled
     * @param recomputeInterval updates between recomputations of all N losses; 0 = never
     * @param chunkSize         forward-pass chunk of the recomputation
     */
    public record Config(int batchSize, double alpha, double beta, double epsilon, Normalisation normalisation,
                         int recomputeInterval, int chunkSize) {
        public static final double DEFAULT_EPSILON = 1e-6;

        public Config {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size b must be >= 1, got " + batchSize);
            }
            if (!(alpha >= 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("alpha must be a finite number >= 0 (0 is uniform), got " + alpha);
            }
            if (!(beta >= 0 && beta <= 1)) {
                throw new IllegalArgumentException("beta must be in [0, 1] (1 fully corrects the sampling bias), got "
                        + beta);
            }
            if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException("epsilon must be finite and > 0, or a zero loss would never be"
                        + " drawn again; got " + epsilon);
            }
            if (normalisation == null) {
                throw new IllegalArgumentException("weight normalisation must be given");
            }
            if (recomputeInterval < 0) {
                throw new IllegalArgumentException("recompute interval must be >= 0 updates (0 = never), got "
                        + recomputeInterval);
            }
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
            }
        }

        /** KF's grid point (α, β) with Schaul's conventions: ε = 1e-6, max-normalised weights, no recomputation. */
        public static Config of(int batchSize, double alpha, double beta) {
            return new Config(batchSize, alpha, beta, DEFAULT_EPSILON, Normalisation.MAX, 0, 512);
        }

        public Config withNormalisation(Normalisation value) {
            return new Config(batchSize, alpha, beta, epsilon, value, recomputeInterval, chunkSize);
        }

        public Config withRecomputeInterval(int value) {
            return new Config(batchSize, alpha, beta, epsilon, normalisation, value, chunkSize);
        }
    }

    /** The b samples of a step and their weights. */
    record Draw(int[] indices, double[] weights) {
    }

    private final Config config;
    private double[] priority;   // L_i + ε of the last visit; NaN = never seen
    private double maxPriority = 1.0;
    private long updates;
    private SumTree seen;        // leaf i: p_i^α for seen samples, 0 for unseen
    private SumTree unseen;      // leaf i: 1 for unseen samples, 0 for seen
    private int unseenCount;

    public PrioritizedHistory(Config config) {
        if (config == null) {
            throw new IllegalArgumentException("a configuration is required");
        }
        this.config = config;
    }

    @Override
    public String id() {
        return ID;
    }

    public Config config() {
        return config;
    }

    @Override
    public StepReport step(Model model, SampleSource data, StepContext context) {
        model.setLearningRate(context.learningRate());
        int n = data.size();
        if (priority == null) {
            double[] fresh = new double[n];
            Arrays.fill(fresh, Double.NaN);
            rebuild(fresh);
        } else if (priority.length != n) {
            throw new IllegalStateException("the method has priorities of " + priority.length
                    + " samples but the training set has " + n);
        }
        int b = config.batchSize();
        double cost = Cost.step(b);
        if (config.recomputeInterval() > 0 && updates > 0 && updates % config.recomputeInterval() == 0) {
            double[] losses = FullPass.losses(model, data, config.chunkSize());
            cost += Cost.FORWARD * n;
            for (int i = 0; i < n; i++) {
                losses[i] = checkedPriority(i, losses[i]);
                maxPriority = Math.max(maxPriority, losses[i]);
            }
            rebuild(losses);
        }
        Draw draw = draw(b, context.random());
        double loss = model.weightedStep(data.get(draw.indices()), draw.weights());
        double[] losses = FullPass.trainingLosses(model);
        if (losses == null || losses.length != b) {
            throw new IllegalStateException("the model did not expose the training pass's per-sample losses");
        }
        for (int k = 0; k < b; k++) {
            setPriority(draw.indices()[k], checkedPriority(draw.indices()[k], losses[k]));
        }
        updates++;
        return new StepReport(loss, Double.NaN, config.alpha() > 0, cost, context.learningRate());
    }

    private double checkedPriority(int sample, double loss) {
        if (!(loss >= 0) || Double.isInfinite(loss)) {
            throw new IllegalStateException("the loss of sample " + sample + " is " + loss
                    + "; priorities need finite non-negative losses (has training diverged?)");
        }
        return loss + config.epsilon();
    }

    /** P(i) of the current priorities. */
    public double probability(int i) {
        return mass(i) / totalMass();
    }

    /** b i.i.d. draws ∝ p^α and their weights. */
    Draw draw(int b, SplittableRandom random) {
        double unseenMass = unseenMass();
        double groupMass = unseenCount * unseenMass;
        double total = totalMass();
        int[] indices = new int[b];
        double[] weights = new double[b];
        double minMass = Math.min(seen.minimum(), unseenCount > 0 ? unseenMass : Double.POSITIVE_INFINITY);
        int n = priority.length;
        for (int k = 0; k < b; k++) {
            double u = random.nextDouble() * total;
            int i;
            if (u < groupMass || seen.total() == 0) {
                i = unseen.find(u / unseenMass);   // the ⌊u/m⌋-th unseen sample: uniform within the group
            } else {
                i = seen.find(u - groupMass);
            }
            indices[k] = i;
            double m = mass(i);
            weights[k] = config.normalisation() == Normalisation.MAX
                    ? Math.pow(m / minMass, -config.beta())       // (N P_i)^-β / (N P_min)^-β
                    : Math.pow(n * m / total, -config.beta());    // (N P_i)^-β
        }
        return new Draw(indices, weights);
    }

    private double mass(int i) {
        return Double.isNaN(priority[i]) ? unseenMass() : seen.get(i);
    }

    private double unseenMass() {
        return Math.pow(maxPriority, config.alpha());
    }

    private double totalMass() {
        return seen.total() + unseenCount * unseenMass();
    }

    private void setPriority(int i, double p) {
        if (Double.isNaN(priority[i])) {
            unseen.set(i, 0, false);
            unseenCount--;
        }
        priority[i] = p;
        maxPriority = Math.max(maxPriority, p);
        seen.set(i, Math.pow(p, config.alpha()), true);
    }

    private void rebuild(double[] priorities) {
        int n = priorities.length;
        priority = priorities;
        seen = new SumTree(n);
        unseen = new SumTree(n);
        unseenCount = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(priorities[i])) {
                unseen.set(i, 1, false);
                unseenCount++;
            } else {
                seen.set(i, Math.pow(priorities[i], config.alpha()), true);
            }
        }
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("batchSize", config.batchSize());
        p.put("alpha", config.alpha());
        p.put("beta", config.beta());
        p.put("epsilon", config.epsilon());
        p.put("normalisation", config.normalisation().name());
        p.put("recomputeInterval", config.recomputeInterval());
        p.put("chunkSize", config.chunkSize());
        p.put("unseenPriority", "running max, from 1");
        return p;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("updates", updates);
        s.put("maxPriority", maxPriority);
        if (priority != null) {
            s.put("priority", StateCodec.encode(priority));
        }
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        long u = StateCodec.number(state, "updates");
        double max = StateCodec.real(state, "maxPriority");
        if (u < 0 || !(max > 0) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("checkpoint has updates = " + u + " and max priority = " + max);
        }
        if (state.containsKey("priority")) {
            rebuild(StateCodec.doubles(state, "priority"));
        } else {
            priority = null;
        }
        updates = u;
        maxPriority = max;
    }
}
