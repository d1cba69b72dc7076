package org.isrepro.core.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.BiasedImportanceSampling.Config;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.Model;
import org.isrepro.core.score.LossScorer;
import org.isrepro.core.score.Scorer;
import org.isrepro.core.testing.ArraySource;
import org.isrepro.core.testing.MethodContract;
import org.isrepro.core.testing.Nd4jTestBase;
import org.isrepro.core.testing.Nets;
import org.isrepro.core.testing.RecordingModel;
import org.isrepro.core.data.RecordingSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class BiasedImportanceSamplingTest extends Nd4jTestBase {
    private static final SampleSource DATA = new ArraySource(Nets.classification(61, 40, new long[] {5}, 3));

    /** Fixed scores for the presample, in order. */
    private record FixedScorer(double[] scores) implements Scorer {
        @Override
        public String id() {
            return "fixed";
        }

        @Override
        public double[] score(Model model, DataSet batch, int chunkSize) {
            return scores.clone();
        }

        @Override
        public double costPerSample() {
            return 1;
        }
    }

    private static Model mlp() {
        return DlModel.of(Nets.softmaxMlp(62, 5, 6, 3));
    }

    @Test
    void kOneGivesTheUnbiasedWeightsOneOverBG() {
        double[] smoothed = {1, 3, 0.5};
        double mean = 2.0;   // of a presample of, say, 8 scores
        double[] w = BiasedImportanceSampling.weights(smoothed, mean, 1.0);
        assertArrayEquals(new double[] {2, 2.0 / 3, 4}, w, 1e-12);
    }

    @Test
    void kZeroGivesEqualWeightsWithTheSameWeightedScore() {
        double[] smoothed = {1, 3, 0.5};
        double[] w = BiasedImportanceSampling.weights(smoothed, 2.0, 0.0);
        assertEquals(w[0], w[1], 1e-12);
        assertEquals(w[0], w[2], 1e-12);
        // Σ ŵ s' = Σ w s' = b·mean = 6
        assertEquals(6.0, w[0] * 1 + w[1] * 3 + w[2] * 0.5, 1e-12);
        double[] half = BiasedImportanceSampling.weights(smoothed, 2.0, 0.5);
        assertEquals(6.0, half[0] * 1 + half[1] * 3 + half[2] * 0.5, 1e-12);
        assertEquals(Math.sqrt(3), half[0] / half[1], 1e-12, "ŵ ∝ w^k");
    }

    @Test
    void stepDrawsFromThePresampleProportionallyToSmoothedScoresAndCostsBPlus3b() {
        double[] scores = {0, 0, 0, 0, 0, 0, 0, 8};
        RecordingModel model = new RecordingModel(mlp());
        RecordingSource src = new RecordingSource(DATA);
        BiasedImportanceSampling unsmoothed = new BiasedImportanceSampling(new FixedScorer(scores),
                new Config(4, 8, 1.0, 0.0, 8));
        StepReport r = unsmoothed.step(model, src, MethodContract.context(0, 0.1));
        int[] presample = src.requests.get(0);
        int[] trained = src.last();
        for (int i : trained) {
            assertEquals(presample[7], i, "only the one non-zero score can be drawn");
        }
        assertArrayEquals(new double[] {0.125, 0.125, 0.125, 0.125}, model.weights.get(0), 1e-12, "1/(B g) = 1/8");
        assertEquals(8 + 3 * 4, r.costUnits());
        assertTrue(r.importanceSampled());
        // With c = 1000 the smoothed scores are nearly equal: weights close to 1.
        BiasedImportanceSampling smoothed = new BiasedImportanceSampling(new FixedScorer(scores),
                new Config(4, 8, 1.0, 1000, 8));
        smoothed.step(model, src, MethodContract.context(1, 0.1));
        for (double w : model.weights.get(1)) {
            assertEquals(1.0, w, 1e-2);
        }
    }

    @Test
    void unusableScoresFallBackToAUniformStep() {
        RecordingModel model = new RecordingModel(mlp());
        double[] nan = {1, Double.NaN, 1, 1, 1, 1, 1, 1};
        StepReport r = new BiasedImportanceSampling(new FixedScorer(nan), new Config(4, 8, 0.5, 0, 8))
                .step(model, DATA, MethodContract.context(0, 0.1));
        assertFalse(r.importanceSampled());
        assertNull(model.weights.get(0));
        StepReport zero = new BiasedImportanceSampling(new FixedScorer(new double[8]), new Config(4, 8, 0.5, 0, 8))
                .step(model, DATA, MethodContract.context(1, 0.1));
        assertFalse(zero.importanceSampled(), "all-zero scores without smoothing have no distribution");
    }

    @Test
    void trainsWithTheLossScorer() {
        Model model = mlp();
        BiasedImportanceSampling b = new BiasedImportanceSampling(new LossScorer(), Config.of(4).withPresample(16));
        double before = FullPass.mean(model.forward(DATA.get(FullPass.range(40)), 40).losses());
        for (int t = 0; t < 30; t++) {
            b.step(model, DATA, MethodContract.context(t, 0.5));
        }
        double after = FullPass.mean(model.forward(DATA.get(FullPass.range(40)), 40).losses());
        assertTrue(after < before, "training loss " + before + " -> " + after);
        assertEquals("biased", b.id());
        assertEquals("loss", b.params().get("scorer"));
        assertEquals(0.5, b.params().get("k"));
    }

    @Test
    void badHyperparametersAreRejectedBeforeTraining() {
        assertThrows(IllegalArgumentException.class, () -> Config.of(0));
        assertThrows(IllegalArgumentException.class, () -> Config.of(256));
        assertThrows(IllegalArgumentException.class, () -> Config.of(16).withK(1.5));
        assertThrows(IllegalArgumentException.class, () -> Config.of(16).withK(Double.NEGATIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> Config.of(16).withSmooth(-1));
        assertThrows(IllegalArgumentException.class, () -> new Config(16, 64, 0.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new BiasedImportanceSampling(null, Config.of(16)));
    }
}
