package org.isrepro.core.method;

import java.util.LinkedHashMap;
import java.util.Map;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.Cost;
import org.isrepro.core.model.Model;

/**
 * SVRG (Johnson &amp; Zhang 2013) with minibatches, as KF appendix C compares it. Every m updates the
 * snapshot θ̃ ← θ (option I: the last iterate) and μ ← (1/N) Σ_i ∇L_i(θ̃) over the whole training set, in
 * chunks. Each update draws b indices uniformly with replacement and steps along
 * v = (1/b) Σ_I [∇L_i(θ) − ∇L_i(θ̃)] + μ through the network's own optimiser ({@link Model#applyGradient}),
 * which adds ∇R(θ) (weight decay) and momentum if the network has them, as the reference does. E[v] is the
 * data gradient at θ.
 *
 * <p>Cost: 6b per update (forward and backward of the same b samples at θ and at θ̃), plus 3N on the
 * update that refreshes the snapshot.
 */
public final class Svrg implements Method {
    public static final String ID = "svrg";

    /**
     * @param batchSize      b
     * @param snapshotEpochs m in epochs: the snapshot is refreshed every max(1, round(m·N/b)) updates
     *                       (suggested grid 1, 2, 5; J&amp;Z use 2 for convex and 5 for neural networks)
     * @param chunkSize      samples per chunk of the full-gradient pass
     */
    public record Config(int batchSize, double snapshotEpochs, int chunkSize) {
        public Config {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size b must be >= 1, got " + batchSize);
            }
            if (!(snapshotEpochs > 0) || Double.isInfinite(snapshotEpochs)) {
                throw new IllegalArgumentException("snapshot interval m must be a positive finite number of epochs,"
                        + " got " + snapshotEpochs);
            }
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
            }
        }

        public static Config of(int batchSize, double snapshotEpochs) {
            return new Config(batchSize, snapshotEpochs, 512);
        }
    }

    private final Config config;
    private final VarianceReduced.Snapshot snapshot = new VarianceReduced.Snapshot();

    public Svrg(Config config) {
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

    /** Updates between snapshots for a training set of n samples. */
    public long updatesPerSnapshot(int n) {
        return VarianceReduced.updatesPerEpochs(config.snapshotEpochs(), n, config.batchSize());
    }

    @Override
    public StepReport step(Model model, SampleSource data, StepContext context) {
        model.setLearningRate(context.learningRate());
        int n = data.size();
        double cost = 0;
        if (snapshot.point == null || snapshot.stepsInStage >= updatesPerSnapshot(n)) {
            snapshot.point = model.params();
            snapshot.mu = FullPass.meanGradient(model, data, config.chunkSize());
            snapshot.stepsInStage = 0;
            cost += Cost.step(n);
        }
        int[] batch = Draws.uniform(n, config.batchSize(), context.random());
        VarianceReduced.Corrected v = VarianceReduced.corrected(model, data.get(batch), snapshot.point, snapshot.mu);
        model.applyGradient(v.gradient());
        snapshot.stepsInStage++;
        cost += 2 * Cost.step(config.batchSize());
        return new StepReport(v.loss(), Double.NaN, false, cost, context.learningRate());
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("batchSize", config.batchSize());
        p.put("snapshotEpochs", config.snapshotEpochs());
        p.put("chunkSize", config.chunkSize());
        p.put("snapshotOption", "last iterate");
        p.put("optimizer", "network updater");
        return p;
    }

    @Override
    public Map<String, Object> state() {
        return snapshot.state();
    }

    @Override
    public void restore(Map<String, Object> state) {
        snapshot.restore(state);
    }
}
