package org.isrepro.core.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.PrioritizedHistory.Config;
import org.isrepro.core.method.PrioritizedHistory.Normalisation;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.Model;
import org.isrepro.core.testing.ArraySource;
import org.isrepro.core.testing.MethodContract;
import org.isrepro.core.testing.Nd4jTestBase;
import org.isrepro.core.testing.Nets;
import org.isrepro.core.testing.RecordingModel;
import org.isrepro.core.data.RecordingSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class PrioritizedHistoryTest extends Nd4jTestBase {
    private static final SampleSource DATA = new ArraySource(Nets.classification(51, 16, new long[] {5}, 3));

    private static Model mlp(long seed) {
        return DlModel.of(Nets.softmaxMlp(seed, 5, 6, 3));
    }

    @Test
    void sumTreeFindsCumulativeMassAndMinimum() {
        SumTree t = new SumTree(5);
        double[] mass = {1, 0, 2, 0.5, 3};
        for (int i = 0; i < 5; i++) {
            t.set(i, mass[i], true);
        }
        assertEquals(6.5, t.total(), 1e-15);
        assertEquals(0.0, t.minimum());
        assertEquals(0, t.find(0.0));
        assertEquals(0, t.find(0.999));
        assertEquals(2, t.find(1.0), "a zero-mass leaf is never returned");
        assertEquals(3, t.find(3.2));
        assertEquals(4, t.find(3.5));
        assertEquals(4, t.find(6.5), "rounding past the total lands on the last leaf with mass");
        t.set(1, 7, false);
        assertEquals(0.5, t.minimum(), "leaves kept out of the minimum");
        assertThrows(IllegalArgumentException.class, () -> t.set(0, -1, true));
    }

    @Test
    void unseenSamplesHaveTheLargestPrioritySeenSoFar() {
        RecordingModel model = new RecordingModel(mlp(52));
        PrioritizedHistory h = new PrioritizedHistory(Config.of(4, 1.0, 1.0));
        h.step(model, DATA, MethodContract.context(0, 0.1));
        double[] losses = model.forward(model.batches.get(0), 4).losses();
        double max = 1.0;
        for (double l : losses) {
            max = Math.max(max, l + Config.DEFAULT_EPSILON);
        }
        double[] priority = StateCodec.doubles(h.state(), "priority");
        int seen = 0;
        double total = 0;
        for (double p : priority) {
            seen += Double.isNaN(p) ? 0 : 1;
            total += Double.isNaN(p) ? max : p;
        }
        assertTrue(seen >= 1 && seen <= 4);
        for (int i = 0; i < 16; i++) {
            double expected = (Double.isNaN(priority[i]) ? max : priority[i]) / total;
            assertEquals(expected, h.probability(i), 1e-12, "sample " + i);
        }
        assertEquals(max, (double) h.state().get("maxPriority"), 1e-12);
    }

    @Test
    void alphaZeroIsUniformWithUnitWeights() {
        RecordingModel model = new RecordingModel(mlp(53));
        PrioritizedHistory h = new PrioritizedHistory(Config.of(4, 0.0, 1.0));
        for (int t = 0; t < 10; t++) {
            StepReport r = h.step(model, DATA, MethodContract.context(t, 0.1));
            assertFalse(r.importanceSampled());
            assertArrayEquals(new double[] {1, 1, 1, 1}, model.weights.get(t), 1e-12);
        }
        for (int i = 0; i < 16; i++) {
            assertEquals(1.0 / 16, h.probability(i), 1e-15);
        }
    }

    @Test
    void drawsFollowTheProbabilities() {
        PrioritizedHistory h = seenEverywhere(Config.of(4, 1.0, 1.0));
        SplittableRandom r = new SplittableRandom(9);
        int n = 50_000;
        int[] counts = new int[16];
        for (int k = 0; k < n; k++) {
            for (int i : h.draw(4, r).indices()) {
                counts[i]++;
            }
        }
        for (int i = 0; i < 16; i++) {
            double p = h.probability(i);
            assertEquals(p, counts[i] / (4.0 * n), 4.5 * Math.sqrt(p * (1 - p) / (4.0 * n)), "sample " + i);
        }
    }

    /** A method whose 16 priorities are all the losses at a fixed θ (every sample seen once). */
    private static PrioritizedHistory seenEverywhere(Config config) {
        RecordingModel model = new RecordingModel(mlp(54));
        PrioritizedHistory h = new PrioritizedHistory(config);
        for (int t = 0; t < 500 && unseen(h) > 0; t++) {
            h.step(model, DATA, MethodContract.context(t, 0.1));
        }
        assertEquals(0, unseen(h));
        return h;
    }

    private static int unseen(PrioritizedHistory h) {
        Object p = h.state().get("priority");
        if (p == null) {
            return 16;
        }
        int u = 0;
        for (double v : StateCodec.doubles(h.state(), "priority")) {
            u += Double.isNaN(v) ? 1 : 0;
        }
        return u;
    }

    /**
     * Unbiasedness at β = 1, by Monte Carlo at a fixed θ with every priority set: 5,000 draws of b = 4 from
     * N = 16. Without normalisation the mean of (1/b) Σ w_k ∇L_k must equal the full data gradient; with
     * Schaul's max-normalisation it must equal N·P_min times it (P_min the smallest sampling probability), the
     * constant the normalisation divides by. Criterion: every coordinate within 4.5 Monte-Carlo standard
     * errors (max |z| &gt; 4.5 has probability below 0.1% per check under unbiasedness); β = 0, which does not
     * correct the sampling bias, must fail it.
     */
    @Test
    void weightedGradientIsUnbiasedAtBetaOne() {
        Model dl = mlp(54);
        double[][] perSample = new double[16][];
        for (int i = 0; i < 16; i++) {
            perSample[i] = dl.gradient(DATA.get(new int[] {i}), null).toDoubleVector();
        }
        double[] full = new double[perSample[0].length];
        for (double[] g : perSample) {
            for (int d = 0; d < full.length; d++) {
                full[d] += g[d] / 16;
            }
        }
        PrioritizedHistory none = seenEverywhere(Config.of(4, 1.0, 1.0).withNormalisation(Normalisation.NONE));
        assertTrue(maxAbsZ(none, perSample, full, 1.0) < 4.5, "β = 1 without normalisation");

        PrioritizedHistory max = seenEverywhere(Config.of(4, 1.0, 1.0));
        double pMin = 1;
        for (int i = 0; i < 16; i++) {
            pMin = Math.min(pMin, max.probability(i));
        }
        assertTrue(16 * pMin < 0.9, "the test needs a non-trivial normalising constant, got " + 16 * pMin);
        assertTrue(maxAbsZ(max, perSample, full, 16 * pMin) < 4.5, "β = 1, max-normalised, up to N·P_min");

        PrioritizedHistory biased = seenEverywhere(Config.of(4, 1.0, 0.0).withNormalisation(Normalisation.NONE));
        double z = maxAbsZ(biased, perSample, full, 1.0);
        assertTrue(z > 4.5, "β = 0 should be detectably biased: max |z| = " + z);
    }

    private static double maxAbsZ(PrioritizedHistory h, double[][] perSample, double[] full, double scale) {
        SplittableRandom r = new SplittableRandom(11);
        int steps = 5_000;
        int dim = full.length;
        double[] sum = new double[dim];
        double[] sumSq = new double[dim];
        for (int t = 0; t < steps; t++) {
            PrioritizedHistory.Draw d = h.draw(4, r);
            for (int c = 0; c < dim; c++) {
                double x = 0;
                for (int k = 0; k < 4; k++) {
                    x += d.weights()[k] * perSample[d.indices()[k]][c] / 4;
                }
                sum[c] += x;
                sumSq[c] += x * x;
            }
        }
        double max = 0;
        for (int c = 0; c < dim; c++) {
            double mean = sum[c] / steps;
            double var = Math.max(sumSq[c] / steps - mean * mean, 1e-300);
            max = Math.max(max, Math.abs(mean - scale * full[c]) / Math.sqrt(var / steps));
        }
        return max;
    }

    @Test
    void stepTrainsOnTheDrawAndUpdatesPrioritiesFromItsForwardPass() {
        RecordingModel model = new RecordingModel(mlp(55));
        RecordingSource src = new RecordingSource(DATA);
        PrioritizedHistory h = new PrioritizedHistory(Config.of(4, 0.5, 0.5));
        h.step(model, src, MethodContract.context(0, 0.1));
        PrioritizedHistory twin = new PrioritizedHistory(Config.of(4, 0.5, 0.5));
        twin.restore(h.state());
        PrioritizedHistory.Draw expected = twin.draw(4, MethodContract.context(1, 0.1).random());
        h.step(model, src, MethodContract.context(1, 0.1));
        assertArrayEquals(expected.indices(), src.last());
        assertArrayEquals(expected.weights(), model.weights.get(1), 1e-15);
        double[] losses = model.forward(DATA.get(src.last()), 4).losses();
        double[] priority = StateCodec.doubles(h.state(), "priority");
        for (int k = 0; k < 4; k++) {
            assertEquals(losses[k] + Config.DEFAULT_EPSILON, priority[src.last()[k]], 1e-12);
        }
        for (double w : model.weights.get(1)) {
            assertTrue(w > 0 && w <= 1 + 1e-12, "max-normalised weights are at most 1: " + w);
        }
    }

    @Test
    void optionalRecomputationScoresEverySampleAndIsCharged() {
        RecordingModel model = new RecordingModel(mlp(56));
        PrioritizedHistory h = new PrioritizedHistory(Config.of(4, 1.0, 1.0).withRecomputeInterval(2));
        double[] costs = new double[5];
        for (int t = 0; t < 5; t++) {
            costs[t] = h.step(model, DATA, MethodContract.context(t, 0.1)).costUnits();
        }
        assertArrayEquals(new double[] {12, 12, 12 + 16, 12, 12 + 16}, costs);
        assertEquals(0, unseen(h), "after a recomputation every sample has a priority");
    }

    @Test
    void restoredMethodContinuesIdentically() {
        MethodContract.restoredMethodContinuesIdentically(
                () -> DlModel.of(Nets.mlp(57, 5, 6, 3, Activation.SOFTMAX, LossFunction.MCXENT,
                        new Nesterovs(0.1, 0.9), 5e-4)),
                () -> new PrioritizedHistory(Config.of(4, 0.5, 1.0)), DATA, 0.1, 3, 6);
    }

    @Test
    void badHyperparametersAreRejectedBeforeTraining() {
        assertThrows(IllegalArgumentException.class, () -> Config.of(0, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> Config.of(4, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> Config.of(4, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Config.of(4, 0.5, 1.5));
        assertThrows(IllegalArgumentException.class, () -> Config.of(4, 0.5, -0.5));
        assertThrows(IllegalArgumentException.class, () -> new Config(4, 0.5, 1, 0, Normalisation.MAX, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> new Config(4, 0.5, 1, 1e-6, null, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> Config.of(4, 0.5, 1).withRecomputeInterval(-1));
        assertThrows(IllegalArgumentException.class, () -> new PrioritizedHistory(null));
    }
}
