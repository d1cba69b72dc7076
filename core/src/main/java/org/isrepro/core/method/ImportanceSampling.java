package org.isrepro.core.method;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.Cost;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.Model;
import org.isrepro.core.sample.AliasSampler;
import org.isrepro.core.sample.Distribution;
import org.isrepro.core.score.ForwardScorer;
import org.isrepro.core.score.Scorer;
import org.isrepro.core.tau.TauEstimator;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Algorithm 1 (Katharopoulos & Fleuret 2018) with any {@link Scorer}: with the upper bound of eq. 20 it
 * is the paper's <i>upper-bound</i> method, with the loss its <i>loss</i> baseline, with exact norms the
 * <i>gradient-norm</i> oracle.
 *
 * <p>While tau ≤ tau_th: a uniform step of b, whose own forward pass gives the scores for tau (line 15).
 * Once tau > tau_th: presample B uniformly, score them in inference mode, resample b with replacement
 * ∝ g, and step with w_i = 1/(B g_i) (lines 6-10), which keeps the step unbiased for the B-sample mean.
 *
 * <p>Decisions the paper leaves open (the README, "What the harness decides"):
 * <ul>
 *   <li>Population of tau. The reference measures tau on the b training-pass scores during uniform steps
 *       and on the B presample scores during importance-sampled steps; the estimate √(nΣs²)/Σs is biased
 *       low for small n, so it jumps when the switch flips. By default ({@link TauPopulation#BATCH}) tau is
 *       always measured on b uniformly drawn samples: the training batch, or the first b of the (i.i.d.
 *       uniform) presample. {@link TauPopulation#PAPER} reproduces the reference.</li>
 *   <li>No hysteresis: the switch compares the previous step's tau with tau_th, as in the paper.</li>
 *   <li>Unusable scores (NaN, infinite, negative): that step falls back to a uniform step on the first b
 *       presampled samples with unit weights, tau is not updated, and a warning is logged. All-zero
 *       scores mean the uniform distribution (tau = 1).</li>
 * </ul>
 */
public final class ImportanceSampling implements Method {
    private static final Logger LOG = LoggerFactory.getLogger(ImportanceSampling.class);

    /** Which samples tau is measured on. */
    public enum TauPopulation { BATCH, PAPER }

    /**
     * @param batchSize  b, samples per step
     * @param presample  B, samples scored per importance-sampled step (B > b)
     * @param tauTh      tau_th ≥ 1; {@link #defaultTauTh} gives (B+3b)/(3b), the guaranteed-speed-up threshold
     * @param aTau       moving-average factor of tau in [0, 1)
     * @param chunkSize  forward-pass chunk when scoring the presample
     */
    public record Config(int batchSize, int presample, double tauTh, double aTau, int chunkSize,
                         TauPopulation tauPopulation) {
        public Config {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size b must be >= 1, got " + batchSize);
            }
            if (presample <= batchSize) {
                throw new IllegalArgumentException("presample size B must exceed b (B=" + presample + ", b="
                        + batchSize + "): with B <= b importance sampling cannot reduce variance");
            }
            if (!(tauTh >= 1) || Double.isInfinite(tauTh)) {
                throw new IllegalArgumentException("tau_th must be a finite number >= 1 (tau >= 1 always), got "
                        + tauTh);
            }
            if (!(aTau >= 0 && aTau < 1)) {
                throw new IllegalArgumentException("a_tau must be in [0, 1), got " + aTau);
            }
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
            }
            if (tauPopulation == null) {
                throw new IllegalArgumentException("tau population must be given");
            }
        }

        /** b, B and the paper's defaults: tau_th = (B+3b)/(3b), a_tau = 0.9, one chunk of B. */
        public static Config of(int batchSize, int presample) {
            return new Config(batchSize, presample, defaultTauTh(batchSize, presample),
                    TauEstimator.DEFAULT_A_TAU, Math.max(presample, 1), TauPopulation.BATCH);
        }

        public Config withTauTh(double value) {
            return new Config(batchSize, presample, value, aTau, chunkSize, tauPopulation);
        }

        public Config withATau(double value) {
            return new Config(batchSize, presample, tauTh, value, chunkSize, tauPopulation);
        }

        public Config withChunkSize(int value) {
            return new Config(batchSize, presample, tauTh, aTau, value, tauPopulation);
        }

        public Config withTauPopulation(TauPopulation value) {
            return new Config(batchSize, presample, tauTh, aTau, chunkSize, value);
        }
    }

    /** §3.3: importance sampling pays B + 3b per step against 3b, so it is guaranteed faster for tau > (B+3b)/(3b). */
    public static double defaultTauTh(int batchSize, int presample) {
        return (presample + 3.0 * batchSize) / (3.0 * batchSize);
    }

    private final Scorer scorer;
    private final Config config;
    private final TauEstimator tau;

    public ImportanceSampling(Scorer scorer, Config config) {
        if (scorer == null) {
            throw new IllegalArgumentException("a scorer is required");
        }
        this.scorer = scorer;
        this.config = config;
        this.tau = new TauEstimator(config.aTau());
    }

    @Override
    public String id() {
        return scorer.id();
    }

    public Config config() {
        return config;
    }

    public double tau() {
        return tau.value();
    }

    @Override
    public StepReport step(Model model, SampleSource data, StepContext context) {
        model.setLearningRate(context.learningRate());
        return tau.value() > config.tauTh() ? importanceStep(model, data, context) : uniformStep(model, data, context);
    }

    /** Lines 12-15. */
    private StepReport uniformStep(Model model, SampleSource data, StepContext context) {
        int b = config.batchSize();
        int[] indices = Draws.uniform(data.size(), b, context.random());
        DataSet batch = data.get(indices);
        double cost = Cost.step(b);
        double[] scores = null;
        if (!(scorer instanceof ForwardScorer)) {
            // Scores needing a backward pass are not free: take them before the update, at θ_{t-1}.
            scores = scorer.score(model, batch, config.chunkSize());
            cost += scorer.costPerSample() * b;
        }
        double loss = model.weightedStep(batch, null);
        if (scorer instanceof ForwardScorer fs) {
            ForwardResult seen = model.lastTrainingForward();
            scores = fs.fromForward(seen);
        }
        updateTau(scores, context.iteration());
        return new StepReport(loss, tau.value(), false, cost, context.learningRate());
    }

    /** Lines 6-10. */
    private StepReport importanceStep(Model model, SampleSource data, StepContext context) {
        int b = config.batchSize();
        int bigB = config.presample();
        int[] presampled = Draws.uniform(data.size(), bigB, context.random());
        double[] scores = scorer.score(model, data.get(presampled), config.chunkSize());
        double cost = scorer.costPerSample() * bigB + Cost.step(b);
        int bad = Distribution.firstInvalid(scores);
        if (bad >= 0) {
            LOG.warn("step {}: {} score of presampled sample {} is {}; this step falls back to uniform sampling",
                    context.iteration(), scorer.id(), bad, scores[bad]);
            double loss = model.weightedStep(data.get(Arrays.copyOf(presampled, b)), null);
            return new StepReport(loss, tau.value(), false, cost, context.learningRate());
        }
        AliasSampler sampler = new AliasSampler(scores);
        int[] chosen = sampler.sample(b, context.random());
        int[] indices = new int[b];
        double[] weights = new double[b];
        for (int k = 0; k < b; k++) {
            indices[k] = presampled[chosen[k]];
            weights[k] = 1.0 / (bigB * sampler.probability(chosen[k]));  // line 9: w_i = 1/(B g_i)
        }
        double loss = model.weightedStep(data.get(indices), weights);
        updateTau(config.tauPopulation() == TauPopulation.PAPER ? scores : Arrays.copyOf(scores, b),
                context.iteration());
        return new StepReport(loss, tau.value(), true, cost, context.learningRate());
    }

    private void updateTau(double[] scores, long iteration) {
        int bad = Distribution.firstInvalid(scores);
        if (bad >= 0) {
            LOG.warn("step {}: {} score {} is {}; tau is not updated this step", iteration, scorer.id(), bad,
                    scores[bad]);
            return;
        }
        tau.update(scores);
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("scorer", scorer.id());
        p.put("batchSize", config.batchSize());
        p.put("presample", config.presample());
        p.put("tauTh", config.tauTh());
        p.put("aTau", config.aTau());
        p.put("chunkSize", config.chunkSize());
        p.put("tauPopulation", config.tauPopulation().name());
        return p;
    }

    @Override
    public Map<String, Object> state() {
        return Map.of("tau", tau.value());
    }

    @Override
    public void restore(Map<String, Object> state) {
        Object v = state.get("tau");
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("checkpoint state has no numeric 'tau': " + state);
        }
        tau.restore(n.doubleValue());
    }
}
