package org.isrepro.core.method.rais;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.Method;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.StepReport;
import org.isrepro.core.model.Cost;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.Model;
import org.isrepro.core.sample.AliasSampler;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Oracle SGD, spec §2 [P][S]: at every step, the exact per-example gradient norms v_i* = ‖∇f_i(w)‖ over
 * the whole training set (batch-size-1 backpropagation), sampling ∝ v* with replacement, weights
 * ω = 1/(n p_i), and the learning rate η = r_O · lr_sched(t̂) with the exact gain ratio
 * r_O = E‖g_U‖²/E‖g_O‖², E‖g‖² = ‖∇F‖² + (E‖g_1‖² − ‖∇F‖²)/|M|, E‖g_U1‖² = mean v², E‖g_O1‖² = (mean v)².
 *
 * <p>Cost: the n per-sample backward passes cost 3n units per step and, with {@link Gain#EXACT}, the full
 * gradient for ‖∇F‖² another 3n; the step itself 3|M|. This is why O-SGD runs only on small training sets.
 * Batch normalisation is refused: with batch size 1 its training-mode statistics are degenerate.
 */
public final class OracleSgd implements Method {
    public static final String ID = "osgd";

    /** How ‖∇F‖² enters r_O [ASSUME: the spec gives r_O's definition but not how the paper computed it]. */
    public enum Gain {
        /** ‖∇F‖² from one batched full-gradient pass: r_O exactly (extra 3n units per step). */
        EXACT,
        /** ‖∇F‖² ≈ 0: r_O ≈ mean(v²)/(mean v)², its upper bound when noise dominates (no extra pass). */
        NOISE_DOMINATED
    }

    private final int batchSize;
    private final Gain gain;
    private final double rMax;
    private final EffectiveSchedule schedule;
    private final int chunkSize;
    private long t;
    private double tHat;
    private double rPrev = 1.0;
    private DataSet all;

    /**
     * @param rMax     safety cap on r_O (≥ 1; the exact r_O is ≥ 1 [S]); [ASSUME], default 10 as for RAIS
     * @param chunkSize rows per batched pass of the full-gradient computation
     */
    public OracleSgd(int batchSize, Gain gain, double rMax, EffectiveSchedule schedule, int chunkSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (gain == null || schedule == null) {
            throw new IllegalArgumentException("O-SGD needs a gain mode and the SGD schedule lr_sched(t̂)");
        }
        if (!(rMax >= 1) || Double.isInfinite(rMax)) {
            throw new IllegalArgumentException("rMax must be finite and >= 1 (r_O >= 1), got " + rMax);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, got " + chunkSize);
        }
        this.batchSize = batchSize;
        this.gain = gain;
        this.rMax = rMax;
        this.schedule = schedule;
        this.chunkSize = chunkSize;
    }

    @Override
    public String id() {
        return ID;
    }

    public double effectiveIteration() {
        return tHat;
    }

    /** The exact gain ratio r_O for norms v, ‖∇F‖² and batch size b (spec §2 and §1). */
    public static double exactGain(double[] v, double fullGradientSquaredNorm, int b) {
        double mean = 0;
        double meanSq = 0;
        for (double x : v) {
            mean += x / v.length;
            meanSq += x * x / v.length;
        }
        double uniform = fullGradientSquaredNorm + (meanSq - fullGradientSquaredNorm) / b;
        double oracle = fullGradientSquaredNorm + (mean * mean - fullGradientSquaredNorm) / b;
        return oracle > 0 ? uniform / oracle : 1.0;
    }

    @Override
    public StepReport step(Model model, SampleSource data, StepContext context) {
        int n = data.size();
        if (all == null) {
            refuseBatchNorm(model);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            all = data.get(idx);
        }
        t++;
        tHat += rPrev;  // t̂^(t) = Σ r^(t'−1)
        double[] v = model.perSampleGradientNorms(all, false);
        double cost = Cost.STEP * n;
        double g2 = 0;
        if (gain == Gain.EXACT) {
            g2 = squaredNorm(model, n);
            cost += Cost.STEP * n;
        }
        double r = Math.min(rMax, Math.max(1.0, exactGain(v, g2, batchSize)));
        AliasSampler sampler = new AliasSampler(v);
        int[] chosen = sampler.sample(batchSize, context.random());
        double[] w = new double[batchSize];
        for (int k = 0; k < batchSize; k++) {
            w[k] = 1.0 / (n * sampler.probability(chosen[k]));
        }
        double lr = r * schedule.at(tHat);
        model.setLearningRate(lr);
        double loss = model.weightedStep(data.get(chosen), w);
        rPrev = r;
        return new StepReport(loss, Double.NaN, true, cost + Cost.step(batchSize), lr);
    }

    private double squaredNorm(Model model, int n) {
        // ∇F = (1/n) Σ_chunks (chunk size) · mean chunk gradient
        org.nd4j.linalg.api.ndarray.INDArray sum = null;
        for (int from = 0; from < n; from += chunkSize) {
            int to = Math.min(n, from + chunkSize);
            DataSet chunk = new DataSet(all.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)),
                    all.getLabels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)));
            org.nd4j.linalg.api.ndarray.INDArray g = model.gradient(chunk, null).muli(to - from);
            sum = sum == null ? g : sum.addi(g);
        }
        double norm = sum.divi(n).norm2Number().doubleValue();
        return norm * norm;
    }

    private static void refuseBatchNorm(Model model) {
        if (!(model instanceof DlModel dl)) {
            return;
        }
        org.deeplearning4j.nn.api.Layer[] layers = dl.network() instanceof MultiLayerNetwork m ? m.getLayers()
                : ((ComputationGraph) dl.network()).getLayers();
        for (org.deeplearning4j.nn.api.Layer l : layers) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                throw new IllegalArgumentException("O-SGD needs per-example gradients by batch-size-1 backprop, which"
                        + " batch normalisation makes degenerate; use a network without batch norm (e.g. LeNet-5)");
            }
        }
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("batchSize", batchSize);
        p.put("gain", gain.name());
        p.put("rMax", rMax);
        p.put("chunkSize", chunkSize);
        p.put("norms", "exact, batch-size-1 backprop over the whole training set every step (3n cost units)");
        return p;
    }

    @Override
    public Map<String, Object> state() {
        return Map.of("t", t, "tHat", tHat, "rPrev", rPrev);
    }

    @Override
    public void restore(Map<String, Object> state) {
        t = ((Number) state.get("t")).longValue();
        tHat = ((Number) state.get("tHat")).doubleValue();
        rPrev = ((Number) state.get("rPrev")).doubleValue();
    }
}
