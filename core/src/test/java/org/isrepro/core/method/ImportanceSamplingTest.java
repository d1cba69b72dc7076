package org.isrepro.core.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.ImportanceSampling.Config;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.Model;
import org.isrepro.core.score.Scorer;
import org.isrepro.core.score.UpperBoundScorer;
import org.isrepro.core.testing.ArraySource;
import org.isrepro.core.testing.MonteCarlo;
import org.isrepro.core.testing.RecordingModel;
import org.isrepro.core.data.RecordingSource;
import org.isrepro.core.testing.Nd4jTestBase;
import org.isrepro.core.testing.Nets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class ImportanceSamplingTest extends Nd4jTestBase {

    /** Scores whose skew the test controls: one large score among n, or all equal. */
    private static final class ControlledScorer implements Scorer {
        boolean skewed;
        double[] override;

        @Override
        public String id() {
            return "controlled";
        }

        @Override
        public double[] score(Model model, DataSet batch, int chunkSize) {
            int n = (int) batch.getFeatures().size(0);
            if (override != null) {
                return override.clone();
            }
            double[] s = new double[n];
            java.util.Arrays.fill(s, 1.0);
            if (skewed) {
                java.util.Arrays.fill(s, 0.0);
                s[0] = 1.0;
            }
            return s;
        }

        @Override
        public double costPerSample() {
            return 1;
        }
    }

    private static SampleSource zeros(int n) {
        return new ArraySource(new DataSet(Nd4j.zeros(n, 2), Nd4j.zeros(n, 2)));
    }

    private static StepContext ctx(long i) {
        return new StepContext(i, 0.1, new SplittableRandom(i));
    }

    @Test
    void switchesOnOnlyWhenTauExceedsThresholdAndOffWhenItFalls() {
        ControlledScorer scorer = new ControlledScorer();
        RecordingModel model = new RecordingModel(DlModel.of(Nets.softmaxMlp(1, 2, 3, 2)));
        ImportanceSampling is = new ImportanceSampling(scorer, new Config(4, 8, 1.5, 0.5, 8,
                ImportanceSampling.TauPopulation.BATCH));
        SampleSource data = zeros(32);
        scorer.skewed = true;  // tau_new = sqrt(4) = 2 on b = 4 samples: tau = 1, 1.5, 1.75, ...
        List<Boolean> on = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            on.add(is.step(model, data, ctx(i)).importanceSampled());
        }
        assertEquals(List.of(false, false, false, true), on, "tau = 1.5 is not > tau_th = 1.5");
        assertEquals(1.875, is.tau(), 1e-12);
        scorer.skewed = false;  // tau_new = 1: 1.875 -> 1.4375 (still an IS step) -> 1.21875 (uniform)
        assertTrue(is.step(model, data, ctx(4)).importanceSampled());
        assertEquals(1.4375, is.tau(), 1e-12);
        assertFalse(is.step(model, data, ctx(5)).importanceSampled());
        assertEquals(1.21875, is.tau(), 1e-12);
    }

    @Test
    void importanceSampledStepsUseWeightsOneOverBG() {
        ControlledScorer scorer = new ControlledScorer();
        scorer.override = new double[] {1, 2, 3, 4, 0, 0, 0, 10};
        RecordingModel model = new RecordingModel(DlModel.of(Nets.softmaxMlp(1, 2, 3, 2)));
        ImportanceSampling is = new ImportanceSampling(scorer, Config.of(4, 8).withTauTh(1.0));
        is.restore(Map.of("tau", 5.0));
        StepReport r = is.step(model, zeros(50), ctx(0));
        assertTrue(r.importanceSampled());
        double sum = 20;
        for (double w : model.weights.get(0)) {
            // each drawn weight is 1/(B g_j) for one of the non-zero scores
            boolean matches = false;
            for (double s : scorer.override) {
                matches |= s > 0 && Math.abs(w - 1 / (8 * s / sum)) < 1e-12;
            }
            assertTrue(matches, "weight " + w);
        }
        assertEquals(8 + 3 * 4, r.costUnits(), "an IS step costs B + 3b");
    }

    @Test
    void nanScoresFallBackToUniformWithUnitWeights() {
        ControlledScorer scorer = new ControlledScorer();
        scorer.override = new double[] {1, Double.NaN, 3, 4, 1, 1, 1, 1};
        RecordingModel model = new RecordingModel(DlModel.of(Nets.softmaxMlp(1, 2, 3, 2)));
        ImportanceSampling is = new ImportanceSampling(scorer, Config.of(4, 8).withTauTh(1.0));
        is.restore(Map.of("tau", 5.0));
        StepReport r = is.step(model, zeros(50), ctx(0));
        assertFalse(r.importanceSampled());
        assertEquals(null, model.weights.get(0));
        assertEquals(5.0, is.tau(), "tau is not updated from unusable scores");
    }

    @Test
    void allZeroScoresGiveUnitWeights() {
        ControlledScorer scorer = new ControlledScorer();
        scorer.override = new double[8];
        RecordingModel model = new RecordingModel(DlModel.of(Nets.softmaxMlp(1, 2, 3, 2)));
        ImportanceSampling is = new ImportanceSampling(scorer, Config.of(4, 8).withTauTh(1.0));
        is.restore(Map.of("tau", 5.0));
        is.step(model, zeros(50), ctx(0));
        for (double w : model.weights.get(0)) {
            assertEquals(1.0, w, 1e-12);
        }
    }

    @Test
    void badHyperparametersAreRejectedBeforeTraining() {
        assertThrows(IllegalArgumentException.class, () -> Config.of(8, 8));
        assertThrows(IllegalArgumentException.class, () -> Config.of(8, 4));
        assertThrows(IllegalArgumentException.class, () -> Config.of(0, 4));
        assertThrows(IllegalArgumentException.class, () -> Config.of(4, 8).withTauTh(0.99));
        assertThrows(IllegalArgumentException.class, () -> Config.of(4, 8).withTauTh(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Config.of(4, 8).withATau(1.0));
        assertThrows(IllegalArgumentException.class, () -> Config.of(4, 8).withATau(-0.5));
        assertThrows(IllegalArgumentException.class, () -> new Uniform(0));
    }

    @Test
    void defaultThresholdIsTheGuaranteedSpeedupThreshold() {
        assertEquals((640 + 3 * 128) / (3.0 * 128), Config.of(128, 640).tauTh(), 1e-12);
        assertEquals(2.0, Config.of(16, 48).tauTh(), 1e-12);
    }

    /**
     * Unbiasedness of lines 6-10: over many importance-sampled steps at fixed θ, the mean weighted
     * minibatch gradient (1/b) Σ w_k ∇L_k equals the full-data mean gradient. 5,000 steps of b = 4 from
     * B = 8 presampled of N = 16. Criterion: every one of the 57 coordinates of the mean lies within 4.5
     * Monte-Carlo standard errors of the full gradient (under unbiasedness max |z| exceeds 4.5 with
     * probability below 0.1%); unit weights, which are biased, must fail the same criterion.
     */
    @Test
    void importanceSampledGradientIsUnbiasedForTheFullGradient() {
        DataSet data = Nets.classification(21, 16, new long[] {5}, 3);
        DlModel dl = DlModel.of(Nets.softmaxMlp(22, 5, 6, 3));
        RecordingModel model = new RecordingModel(dl);
        RecordingSource src = new RecordingSource(new ArraySource(data));
        int n = 16;
        double[][] perSample = new double[n][];
        for (int i = 0; i < n; i++) {
            perSample[i] = dl.gradient(src.get(new int[] {i}), null).toDoubleVector();
        }
        int dim = perSample[0].length;
        double[] target = new double[dim];
        for (double[] g : perSample) {
            for (int d = 0; d < dim; d++) {
                target[d] += g[d] / n;
            }
        }
        ImportanceSampling is = new ImportanceSampling(new UpperBoundScorer(),
                Config.of(4, 8).withTauTh(1.0).withATau(0.9999));
        is.restore(Map.of("tau", 1e9));
        int steps = 5_000;
        double[][] moments = new double[4][dim];  // sum and sum of squares, weighted and unweighted
        for (int t = 0; t < steps; t++) {
            assertTrue(is.step(model, src, ctx(t)).importanceSampled());
            double[] w = model.weights.get(t);
            for (int d = 0; d < dim; d++) {
                double xw = 0;
                double xu = 0;
                for (int k = 0; k < 4; k++) {
                    xw += w[k] * perSample[src.last()[k]][d] / 4;
                    xu += perSample[src.last()[k]][d] / 4;
                }
                moments[0][d] += xw;
                moments[1][d] += xw * xw;
                moments[2][d] += xu;
                moments[3][d] += xu * xu;
            }
        }
        double weighted = MonteCarlo.maxAbsZ(moments[0], moments[1], target, steps);
        double unit = MonteCarlo.maxAbsZ(moments[2], moments[3], target, steps);
        assertTrue(weighted < 4.5, "weighted mean: max |z| = " + weighted);
        assertTrue(unit > 4.5, "unit weights should be biased: max |z| = " + unit);
    }
}
