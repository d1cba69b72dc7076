package org.isrepro.core.method;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.Cost;
import org.isrepro.core.model.Model;

/**
 * SCSG, the stochastically controlled stochastic gradient of Lei, Ju, Chen &amp; Jordan 2017, as spec §7c
 * gives it. Stage j: draw B_j indices uniformly without replacement, μ ← their mean gradient at θ, θ̃ ← θ,
 * and an inner-loop length N_j ~ Geometric with P(N_j = k) = (1−γ)γ^k, γ = B_j/(B_j + b), so E[N_j] = B_j/b;
 * each of the N_j updates draws b indices uniformly from all N (with replacement) and steps along
 * v = (1/b) Σ [∇L_i(θ) − ∇L_i(θ̃)] + μ through the network's optimiser; then B_{j+1} = min(N, ⌈ρ B_j⌉).
 * A stage whose draw is N_j = 0 makes no update; the next stage starts within the same {@code step}.
 *
 * <p>Unlike the reference's SCSGSampler, the inner-loop length is the geometric draw that Lei et al.'s
 * analysis relies on, not a fixed B/b.
 *
 * <p>Cost: 6b per update, plus 3B_j for every stage started during the update.
 */
public final class Scsg implements Method {
    public static final String ID = "scsg";

    /**
     * @param batchSize  b
     * @param largeBatch B₀ ≥ b, the first stage's large batch (suggested grid 1k, 10k, 100k)
     * @param growth     ρ ≥ 1, B_{j+1} = min(N, ⌈ρ B_j⌉) (suggested grid 1, 1.5, 2)
     * @param chunkSize  samples per chunk of the large-batch gradient
     */
    public record Config(int batchSize, int largeBatch, double growth, int chunkSize) {
        public Config {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size b must be >= 1, got " + batchSize);
            }
            if (largeBatch < batchSize) {
                throw new IllegalArgumentException("large batch B_0 must be >= the batch size b (B_0=" + largeBatch
                        + ", b=" + batchSize + ")");
            }
            if (!(growth >= 1) || Double.isInfinite(growth)) {
                throw new IllegalArgumentException("large-batch growth rate must be a finite number >= 1, got "
                        + growth);
            }
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
            }
        }

        public static Config of(int batchSize, int largeBatch, double growth) {
            return new Config(batchSize, largeBatch, growth, 512);
        }
    }

    private final Config config;
    private final VarianceReduced.Snapshot snapshot = new VarianceReduced.Snapshot();
    private long largeBatch;       // B_j of the next stage
    private long remaining;        // updates left in the current stage
    private long stages;

    public Scsg(Config config) {
        if (config == null) {
            throw new IllegalArgumentException("a configuration is required");
        }
        this.config = config;
        this.largeBatch = config.largeBatch();
    }

    @Override
    public String id() {
        return ID;
    }

    public Config config() {
        return config;
    }

    /** B_j of the next stage (before capping at N). */
    public long nextLargeBatch() {
        return largeBatch;
    }

    @Override
    public StepReport step(Model model, SampleSource data, StepContext context) {
        model.setLearningRate(context.learningRate());
        int n = data.size();
        int b = config.batchSize();
        double cost = 0;
        while (remaining == 0) {
            int bigB = (int) Math.min(n, largeBatch);
            int[] stage = withoutReplacement(n, bigB, context.random());
            snapshot.point = model.params();
            snapshot.mu = FullPass.meanGradient(model, data, stage, config.chunkSize());
            snapshot.stepsInStage = 0;
            remaining = geometric((double) bigB / (bigB + b), context.random());
            largeBatch = Math.min(n, (long) Math.ceil(config.growth() * largeBatch));
            stages++;
            cost += Cost.step(bigB);
        }
        int[] batch = Draws.uniform(n, b, context.random());
        VarianceReduced.Corrected v = VarianceReduced.corrected(model, data.get(batch), snapshot.point, snapshot.mu);
        model.applyGradient(v.gradient());
        remaining--;
        snapshot.stepsInStage++;
        cost += 2 * Cost.step(b);
        return new StepReport(v.loss(), Double.NaN, false, cost, context.learningRate());
    }

    /** k ≥ 0 with P(k) = (1−γ)γ^k, by inversion: ⌊ln U / ln γ⌋. */
    static long geometric(double gamma, SplittableRandom random) {
        double u = 1 - random.nextDouble();   // (0, 1]
        return (long) Math.floor(Math.log(u) / Math.log(gamma));
    }

    /** {@code count} distinct indices of [0, n), uniformly: a partial Fisher-Yates shuffle in O(count) memory. */
    static int[] withoutReplacement(int n, int count, SplittableRandom random) {
        Map<Integer, Integer> moved = new HashMap<>();
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int atJ = moved.getOrDefault(j, j);
            out[i] = atJ;
            moved.put(j, moved.getOrDefault(i, i));
        }
        return out;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("batchSize", config.batchSize());
        p.put("largeBatch", config.largeBatch());
        p.put("growth", config.growth());
        p.put("chunkSize", config.chunkSize());
        p.put("innerLoop", "geometric, mean B_j/b");
        p.put("innerDraws", "uniform from all N, with replacement");
        p.put("optimizer", "network updater");
        return p;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>(snapshot.state());
        s.put("largeBatch", largeBatch);
        s.put("remaining", remaining);
        s.put("stages", stages);
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        long big = StateCodec.number(state, "largeBatch");
        long left = StateCodec.number(state, "remaining");
        long j = StateCodec.number(state, "stages");
        if (big < 1 || left < 0 || j < 0) {
            throw new IllegalArgumentException("checkpoint has large batch " + big + ", " + left
                    + " updates remaining, " + j + " stages");
        }
        snapshot.restore(state);
        if (left > 0 && snapshot.point == null) {
            throw new IllegalArgumentException("checkpoint is inside a stage but has no snapshot");
        }
        largeBatch = big;
        remaining = left;
        stages = j;
    }
}
