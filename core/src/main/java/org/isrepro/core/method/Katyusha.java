package org.isrepro.core.method;

import java.util.LinkedHashMap;
import java.util.Map;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.Cost;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Katyusha (Allen-Zhu 2017) with minibatches, adapted to networks as the spec (§7b) suggests: the unknown
 * 1/(3L) becomes the learning rate η, the z-step is η/τ₁, τ₂ = 1/2, τ₁ is tuned. Per update, with y the
 * network's parameters between updates:
 * <pre>
 *   x  = τ₁ z + τ₂ x̃ + (1 − τ₁ − τ₂) y
 *   g̃  = μ + (1/b) Σ_I [∇L_i(x) − ∇L_i(x̃)]          (the gradient at the new x)
 *   y' = one optimiser step from x along g̃              (plain SGD: x − η (g̃ + ∇R(x)))
 *   z' = z + (y' − x)/τ₁                               (= z − (η/τ₁)(g̃ + ∇R(x)) for plain SGD)
 * </pre>
 * and after every m updates x̃ ← the mean of that epoch's y' (Allen-Zhu's σ = 0 weighting) and μ ← the
 * full data gradient at x̃. Initially x̃ = y = z = θ₀. The z-step reuses the optimiser's displacement so that
 * weight decay enters both steps exactly as the network configures it; the y-z identity
 * y' = x + τ₁(z' − z) of the unconstrained algorithm holds by construction. Use it with a plain SGD updater:
 * a momentum updater would add heavy-ball momentum on top of Katyusha's.
 *
 * <p>Unlike the reference's KatyushaWrapper, the correction is μ + ∇f(x) − ∇f(x̃) (not ∇f(θ) + ∇f(θ̃) − μ),
 * the gradient is taken at the new x, y does influence x (τ₁ + τ₂ &lt; 1 is allowed and τ₂ = 1/2 by
 * default), and the snapshot is the epoch average of y.
 *
 * <p>Cost: as SVRG, 6b per update plus 3N when the snapshot is refreshed.
 */
public final class Katyusha implements Method {
    public static final String ID = "katyusha";

    /**
     * @param batchSize      b
     * @param snapshotEpochs m in epochs, as in {@link Svrg.Config}
     * @param tau1           τ₁ in (0, 1/2] (Allen-Zhu: min(√(mσ/(3L)), 1/2))
     * @param tau2           τ₂ in [0, 1), τ₁ + τ₂ ≤ 1 (Allen-Zhu: 1/2)
     * @param chunkSize      samples per chunk of the full-gradient pass
     */
    public record Config(int batchSize, double snapshotEpochs, double tau1, double tau2, int chunkSize) {
        public static final double DEFAULT_TAU2 = 0.5;

        public Config {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size b must be >= 1, got " + batchSize);
            }
            if (!(snapshotEpochs > 0) || Double.isInfinite(snapshotEpochs)) {
                throw new IllegalArgumentException("snapshot interval m must be a positive finite number of epochs,"
                        + " got " + snapshotEpochs);
            }
            if (!(tau1 > 0 && tau1 <= 0.5)) {
                throw new IllegalArgumentException("tau1 must be in (0, 0.5] (the z-step is lr/tau1), got " + tau1);
            }
            if (!(tau2 >= 0 && tau2 < 1)) {
                throw new IllegalArgumentException("tau2 must be in [0, 1), got " + tau2);
            }
            if (tau1 + tau2 > 1 + 1e-12) {
                throw new IllegalArgumentException("tau1 + tau2 must be <= 1 (x is a convex combination of z, x~"
                        + " and y), got " + tau1 + " + " + tau2);
            }
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
            }
        }

        /** τ₂ = 1/2 and chunks of 512. */
        public static Config of(int batchSize, double snapshotEpochs, double tau1) {
            return new Config(batchSize, snapshotEpochs, tau1, DEFAULT_TAU2, 512);
        }
    }

    private final Config config;
    private final VarianceReduced.Snapshot snapshot = new VarianceReduced.Snapshot();
    private INDArray z;
    private INDArray ySum;
    private long yCount;

    public Katyusha(Config config) {
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
        double cost = 0;
        INDArray y = model.params();
        if (snapshot.point == null || snapshot.stepsInStage >= VarianceReduced.updatesPerEpochs(
                config.snapshotEpochs(), n, config.batchSize())) {
            if (snapshot.point == null) {
                snapshot.point = y.dup();
                z = y.dup();
            } else {
                snapshot.point = ySum.div(yCount);
            }
            model.setParams(snapshot.point.castTo(y.dataType()));
            snapshot.mu = FullPass.meanGradient(model, data, config.chunkSize());
            model.setParams(y);
            snapshot.stepsInStage = 0;
            ySum = null;
            yCount = 0;
            cost += Cost.step(n);
        }
        double tau1 = config.tau1();
        double tau2 = config.tau2();
        INDArray x = z.castTo(y.dataType()).mul(tau1)
                .addi(snapshot.point.castTo(y.dataType()).mul(tau2))
                .addi(y.mul(1 - tau1 - tau2));
        model.setParams(x);
        int[] batch = Draws.uniform(n, config.batchSize(), context.random());
        VarianceReduced.Corrected g = VarianceReduced.corrected(model, data.get(batch), snapshot.point, snapshot.mu);
        model.applyGradient(g.gradient());
        INDArray yNext = model.params();
        z = z.castTo(y.dataType()).addi(yNext.sub(x).divi(tau1));
        ySum = ySum == null ? yNext.dup() : ySum.addi(yNext);
        yCount++;
        snapshot.stepsInStage++;
        cost += 2 * Cost.step(config.batchSize());
        return new StepReport(g.loss(), Double.NaN, false, cost, context.learningRate());
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("batchSize", config.batchSize());
        p.put("snapshotEpochs", config.snapshotEpochs());
        p.put("tau1", config.tau1());
        p.put("tau2", config.tau2());
        p.put("chunkSize", config.chunkSize());
        p.put("zStep", "lr/tau1");
        p.put("snapshotRule", "mean of the epoch's y");
        return p;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>(snapshot.state());
        s.put("yCount", yCount);
        if (z != null) {
            s.put("z", StateCodec.encode(z));
        }
        if (ySum != null) {
            s.put("ySum", StateCodec.encode(ySum));
        }
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        long count = StateCodec.number(state, "yCount");
        if (count < 0) {
            throw new IllegalArgumentException("checkpoint has a negative y count " + count);
        }
        snapshot.restore(state);
        if (snapshot.point != null && !state.containsKey("z")) {
            throw new IllegalArgumentException("checkpoint has a Katyusha snapshot but no z");
        }
        z = state.containsKey("z") ? StateCodec.vector(state, "z") : null;
        ySum = state.containsKey("ySum") ? StateCodec.vector(state, "ySum") : null;
        if ((ySum == null) != (count == 0)) {
            throw new IllegalArgumentException("checkpoint has y count " + count + " but "
                    + (ySum == null ? "no" : "a") + " y sum");
        }
        yCount = count;
    }
}
