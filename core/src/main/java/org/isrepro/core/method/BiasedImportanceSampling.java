package org.isrepro.core.method;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.Cost;
import org.isrepro.core.model.Model;
import org.isrepro.core.sample.AliasSampler;
import org.isrepro.core.sample.Distribution;
import org.isrepro.core.score.Scorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Biased importance sampling (Katharopoulos &amp; Fleuret 2017, arXiv 1706.00043), as the reference code
 * offers it ({@code BiasedImportanceTraining}): every step presamples B uniformly, scores them, smooths the
 * scores additively, s'_j = s_j + c, draws b with replacement ∝ s', and weights the drawn samples with
 * <pre>
 *   w_j = mean_U(s') / s'_j                          (the unbiased weight 1/(B g_j))
 *   ŵ_j = w_j^k · (Σ_batch w s') / (Σ_batch w^k s')   (k ≤ 1: k = 1 unbiased, k &lt; 1 biased towards hard samples)
 * </pre>
 * The rescaling keeps the weighted score of the batch, Σ ŵ s', equal to the unbiased one, so k shifts
 * weight between samples without changing the step's overall size much. There is no tau switch: it samples
 * from the first step.
 *
 * <p>Unusable scores (NaN, infinite, negative), or all-zero smoothed scores, make that step a uniform step on
 * the first b presampled samples with unit weights, with a warning, as in {@link ImportanceSampling}.
 *
 * <p>Cost: B × the scorer's cost per sample (1 for loss and upper bound) + 3b.
 */
public final class BiasedImportanceSampling implements Method {
    public static final String ID = "biased";
    private static final Logger LOG = LoggerFactory.getLogger(BiasedImportanceSampling.class);

    /**
     * @param batchSize b
     * @param presample B &gt; b (reference default 256)
     * @param k         bias exponent, finite and ≤ 1 (reference default 0.5; 1 = unbiased)
     * @param smooth    c ≥ 0 added to every score (reference default 0)
     * @param chunkSize forward-pass chunk when scoring the presample (reference default 128)
     */
    public record Config(int batchSize, int presample, double k, double smooth, int chunkSize) {
        public Config {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size b must be >= 1, got " + batchSize);
            }
            if (presample <= batchSize) {
                throw new IllegalArgumentException("presample size B must exceed b (B=" + presample + ", b="
                        + batchSize + ")");
            }
            if (!(k <= 1) || Double.isInfinite(k)) {
                throw new IllegalArgumentException("bias exponent k must be finite and <= 1 (k > 1 would favour"
                        + " easy samples beyond unbiasedness), got " + k);
            }
            if (!(smooth >= 0) || Double.isInfinite(smooth)) {
                throw new IllegalArgumentException("additive smoothing c must be finite and >= 0, got " + smooth);
            }
            if (chunkSize < 1) {
                throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
            }
        }

        /** The reference's defaults: B = 256, k = 0.5, c = 0, forward chunks of 128. */
        public static Config of(int batchSize) {
            return new Config(batchSize, 256, 0.5, 0.0, 128);
        }

        public Config withPresample(int value) {
            return new Config(batchSize, value, k, smooth, chunkSize);
        }

        public Config withK(double value) {
            return new Config(batchSize, presample, value, smooth, chunkSize);
        }

        public Config withSmooth(double value) {
            return new Config(batchSize, presample, k, value, chunkSize);
        }
    }

    private final Scorer scorer;
    private final Config config;

    public BiasedImportanceSampling(Scorer scorer, Config config) {
        if (scorer == null || config == null) {
            throw new IllegalArgumentException("a scorer and a configuration are required");
        }
        this.scorer = scorer;
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
        int b = config.batchSize();
        int bigB = config.presample();
        int[] presampled = Draws.uniform(data.size(), bigB, context.random());
        double[] scores = scorer.score(model, data.get(presampled), config.chunkSize());
        double cost = scorer.costPerSample() * bigB + Cost.step(b);
        int bad = Distribution.firstInvalid(scores);
        double sum = 0;
        for (int j = 0; bad < 0 && j < bigB; j++) {
            scores[j] += config.smooth();
            sum += scores[j];
        }
        if (bad >= 0 || !(sum > 0) || Double.isInfinite(sum)) {
            LOG.warn("step {}: {} scores unusable ({}); this step falls back to uniform sampling", context.iteration(),
                    scorer.id(), bad >= 0 ? "score " + bad + " is " + scores[bad] : "smoothed sum " + sum);
            double loss = model.weightedStep(data.get(Arrays.copyOf(presampled, b)), null);
            return new StepReport(loss, Double.NaN, false, cost, context.learningRate());
        }
        AliasSampler sampler = new AliasSampler(scores);
        int[] chosen = sampler.sample(b, context.random());
        int[] indices = new int[b];
        double[] smoothed = new double[b];
        for (int i = 0; i < b; i++) {
            indices[i] = presampled[chosen[i]];
            smoothed[i] = scores[chosen[i]];
        }
        double loss = model.weightedStep(data.get(indices), weights(smoothed, sum / bigB, config.k()));
        return new StepReport(loss, Double.NaN, true, cost, context.learningRate());
    }

    /** ŵ_j = w_j^k · Σ w s' / Σ w^k s' with w_j = mean/s'_j, for the drawn samples' smoothed scores s'. */
    static double[] weights(double[] smoothed, double mean, double k) {
        int b = smoothed.length;
        double[] w = new double[b];
        double unbiased = 0;
        double biased = 0;
        for (int j = 0; j < b; j++) {
            double wj = mean / smoothed[j];
            w[j] = Math.pow(wj, k);
            unbiased += wj * smoothed[j];
            biased += w[j] * smoothed[j];
        }
        double t = unbiased / biased;
        for (int j = 0; j < b; j++) {
            w[j] *= t;
        }
        return w;
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("scorer", scorer.id());
        p.put("batchSize", config.batchSize());
        p.put("presample", config.presample());
        p.put("k", config.k());
        p.put("smooth", config.smooth());
        p.put("chunkSize", config.chunkSize());
        return p;
    }

    @Override
    public Map<String, Object> state() {
        return Map.of();
    }

    @Override
    public void restore(Map<String, Object> state) {
    }
}
