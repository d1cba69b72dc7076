package org.isrepro.core.method;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.Cost;
import org.isrepro.core.model.Model;

/**
 * Online batch selection (Loshchilov &amp; Hutter 2015, arXiv 1511.06343) as KF §4.2 configures it: rank all
 * N samples by their latest known loss, largest first, and draw rank r with probability
 * p_r ∝ exp(−log(s)·r/N) = q^r, q = s^(−1/N), so that p_max/p_min ≈ s (the selection pressure).
 *
 * <p>Each step's own (pre-update) training losses refresh the drawn samples' stale losses; the ranking is
 * rebuilt every {@code sortInterval} updates and all N losses are recomputed in inference mode every
 * {@code recomputeInterval} updates (r in KF), starting at update 0 so that the first ranking is real.
 * There are no importance weights, as in the original: the method is biased towards hard samples by design.
 *
 * <p>Cost: 3b per step, plus N forward units on recomputation steps. Sorting is not on the cost clock.
 */
public final class OnlineBatchSelection implements Method {
    public static final String ID = "loshchilov-hutter";

    /**
     * @param batchSize         b
     * @param selectionPressure s ≥ 1: the hardest sample is s times likelier than the easiest (1 = uniform)
     * @param recomputeInterval r, updates between full recomputations of all N losses (KF: 600, 1200, 3600)
     * @param sortInterval      updates between re-rankings on stale losses (the reference re-sorts every 300)
     * @param chunkSize         forward-pass chunk of the recomputation
     */
    public record Config(int batchSize, double selectionPressure, int recomputeInterval, int sortInterval,
                         int chunkSize) {
        public static final int DEFAULT_SORT_INTERVAL = 300;
        public static final int DEFAULT_CHUNK = 512;

        public Config {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size b must be >= 1, got " + batchSize);
            }
            if (!(selectionPressure >= 1) || Double.isInfinite(selectionPressure)) {
                throw new IllegalArgumentException("selection pressure s must be a finite number >= 1 (1 is uniform),"
                        + " got " + selectionPressure);
            }
            if (recomputeInterval < 1) {
                throw new IllegalArgumentException("recompute interval r must be >= 1 update, got "
                        + recomputeInterval);
            }
            if (sortInterval < 1) {
                throw new IllegalArgumentException("sort interval must be >= 1 update, got " + sortInterval);
            }
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
            }
        }

        /** KF's grid point (s, r) with the reference's re-sorting every 300 updates and chunks of 512. */
        public static Config of(int batchSize, double selectionPressure, int recomputeInterval) {
            return new Config(batchSize, selectionPressure, recomputeInterval, DEFAULT_SORT_INTERVAL, DEFAULT_CHUNK);
        }
    }

    private final Config config;
    private double[] latestLoss;   // stale L_i, one per sample
    private int[] byRank;          // byRank[r] = sample of rank r at the last ranking (0 = largest loss)
    private long updates;

    public OnlineBatchSelection(Config config) {
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
        if (latestLoss != null && latestLoss.length != n) {
            throw new IllegalStateException("the method has losses of " + latestLoss.length
                    + " samples but the training set has " + n);
        }
        int b = config.batchSize();
        double cost = Cost.step(b);
        if (updates % config.recomputeInterval() == 0) {
            latestLoss = FullPass.losses(model, data, config.chunkSize());
            cost += Cost.FORWARD * n;
            byRank = rank(latestLoss);
        } else if (updates % config.sortInterval() == 0) {
            byRank = rank(latestLoss);
        }
        int[] indices = new int[b];
        for (int k = 0; k < b; k++) {
            indices[k] = byRank[drawRank(n, config.selectionPressure(), context.random())];
        }
        double loss = model.weightedStep(data.get(indices), null);
        double[] seen = FullPass.trainingLosses(model);
        if (seen == null || seen.length != b) {
            throw new IllegalStateException("the model did not expose the training pass's per-sample losses");
        }
        for (int k = 0; k < b; k++) {
            latestLoss[indices[k]] = seen[k];
        }
        updates++;
        return new StepReport(loss, Double.NaN, config.selectionPressure() > 1, cost, context.learningRate());
    }

    /**
     * A rank r in [0, n) with P(r) = q^r (1−q)/(1−q^n), q = s^(−1/n), by inverting the CDF of the
     * continuous law with P(R &lt; x) = (1−q^x)/(1−q^n): r = ⌊ln(1 − U(1 − 1/s)) / ln q⌋.
     */
    static int drawRank(int n, double s, SplittableRandom random) {
        double u = random.nextDouble();
        if (s == 1) {
            return Math.min(n - 1, (int) (u * n));
        }
        double r = -n * Math.log1p(-u * (1 - 1 / s)) / Math.log(s);
        return Math.min(n - 1, (int) r);
    }

    /** Sample indices ordered by loss, largest first; ties by index (losses compared in float precision). */
    static int[] rank(double[] losses) {
        int n = losses.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(losses[i])) {
                throw new IllegalStateException("the loss of sample " + i + " is NaN: training has diverged, "
                        + "there is no ranking to select by");
            }
            int bits = Float.floatToIntBits((float) losses[i]);
            bits ^= (bits >> 31) & 0x7fffffff;   // now signed-int order is float order
            keys[i] = ((long) ~bits << 32) | i;  // ~ reverses it: largest loss first
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int r = 0; r < n; r++) {
            order[r] = (int) keys[r];
        }
        return order;
    }

    /** Per-sample selection probabilities for the given losses (what a fresh ranking of them implies). */
    public static double[] selectionProbabilities(double[] losses, double selectionPressure) {
        int n = losses.length;
        int[] order = rank(losses);
        double logQ = -Math.log(selectionPressure) / n;
        double total = 0;
        double[] byRank = new double[n];
        for (int r = 0; r < n; r++) {
            byRank[r] = Math.exp(logQ * r);
            total += byRank[r];
        }
        double[] p = new double[n];
        for (int r = 0; r < n; r++) {
            p[order[r]] = byRank[r] / total;
        }
        return p;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("batchSize", config.batchSize());
        p.put("selectionPressure", config.selectionPressure());
        p.put("recomputeInterval", config.recomputeInterval());
        p.put("sortInterval", config.sortInterval());
        p.put("chunkSize", config.chunkSize());
        p.put("reweighting", "none");
        return p;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("updates", updates);
        if (latestLoss != null) {
            s.put("latestLoss", StateCodec.encode(latestLoss));
            s.put("byRank", StateCodec.encode(byRank));
        }
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        long u = StateCodec.number(state, "updates");
        if (u < 0) {
            throw new IllegalArgumentException("checkpoint has a negative update count " + u);
        }
        if (u > 0 || state.containsKey("latestLoss")) {
            double[] losses = StateCodec.doubles(state, "latestLoss");
            int[] order = StateCodec.ints(state, "byRank");
            if (order.length != losses.length) {
                throw new IllegalArgumentException("checkpoint ranks " + order.length + " samples but has "
                        + losses.length + " losses");
            }
            latestLoss = losses;
            byRank = order;
        } else {
            latestLoss = null;
            byRank = null;
        }
        updates = u;
    }
}
