package org.isrepro.core.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.isrepro.core.data.SampleSource;
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

class OnlineBatchSelectionTest extends Nd4jTestBase {
    private static final SampleSource DATA = new ArraySource(Nets.classification(41, 30, new long[] {5}, 3));

    private static Model mlp(long seed) {
        return DlModel.of(Nets.softmaxMlp(seed, 5, 6, 3));
    }

    @Test
    void rankBasedProbabilitiesOfTheWorkedExample() {
        // s = 100, N = 5: p_rank ∝ 100^(−r/5); ranks by loss 3 > 2 > 1 > 0.5 > 0.1
        double[] p = OnlineBatchSelection.selectionProbabilities(new double[] {0.5, 2, 1, 0.1, 3}, 100);
        assertArrayEquals(new double[] {0.0384, 0.2420, 0.0964, 0.0153, 0.6080}, p, 5e-5);
        assertEquals(100, p[4] / p[3] * Math.pow(100, 1.0 / 5), 1e-9, "p_max/p_min = s^((N−1)/N)");
    }

    @Test
    void drawnRanksFollowTheTruncatedGeometricLaw() {
        double[] expected = OnlineBatchSelection.selectionProbabilities(new double[] {4, 3, 2, 1, 0}, 100);
        SplittableRandom r = new SplittableRandom(3);
        int n = 200_000;
        int[] counts = new int[5];
        for (int i = 0; i < n; i++) {
            counts[OnlineBatchSelection.drawRank(5, 100, r)]++;
        }
        for (int k = 0; k < 5; k++) {
            double se = Math.sqrt(expected[k] * (1 - expected[k]) / n);
            assertEquals(expected[k], (double) counts[k] / n, 4.5 * se, "rank " + k);
        }
        int[] uniform = new int[5];
        for (int i = 0; i < n; i++) {
            uniform[OnlineBatchSelection.drawRank(5, 1, r)]++;
        }
        for (int k = 0; k < 5; k++) {
            assertEquals(0.2, (double) uniform[k] / n, 4.5 * Math.sqrt(0.16 / n), "s = 1 is uniform, rank " + k);
        }
    }

    @Test
    void rankingIsByLossDescendingWithTiesByIndex() {
        assertArrayEquals(new int[] {4, 1, 3, 2, 0}, OnlineBatchSelection.rank(new double[] {-1, 2, 0, 2, 7}));
        assertThrows(IllegalStateException.class, () -> OnlineBatchSelection.rank(new double[] {1, Double.NaN}));
    }

    @Test
    void recomputesAllLossesEveryRUpdatesAndChargesThem() {
        RecordingModel model = new RecordingModel(mlp(42));
        OnlineBatchSelection lh = new OnlineBatchSelection(new OnlineBatchSelection.Config(4, 10, 3, 2, 8));
        List<Double> costs = new ArrayList<>();
        for (int t = 0; t < 7; t++) {
            costs.add(lh.step(model, DATA, MethodContract.context(t, 0.1)).costUnits());
        }
        double full = 30 + 12;
        assertEquals(List.of(full, 12.0, 12.0, full, 12.0, 12.0, full), costs, "N forward units at updates 0, r, 2r");
        assertTrue(model.weights.stream().allMatch(w -> w == null), "no importance weights");
    }

    @Test
    void staleLossesComeFromEachStepsOwnForwardPass() {
        Model model = mlp(43);
        RecordingSource src = new RecordingSource(DATA);
        OnlineBatchSelection lh = new OnlineBatchSelection(new OnlineBatchSelection.Config(6, 10, 1000, 1000, 8));
        lh.step(model, src, MethodContract.context(0, 0.5));   // recomputes at θ₀, then steps
        double[] atTheta0 = StateCodec.doubles(lh.state(), "latestLoss");
        double[] atTheta1 = model.forward(DATA.get(FullPass.range(30)), 30).losses();
        lh.step(model, src, MethodContract.context(1, 0.5));
        double[] stale = StateCodec.doubles(lh.state(), "latestLoss");
        boolean[] drawn = new boolean[30];
        for (int i : src.last()) {
            drawn[i] = true;
        }
        for (int i = 0; i < 30; i++) {
            assertEquals(drawn[i] ? atTheta1[i] : atTheta0[i], stale[i], 1e-10, "sample " + i);
        }
        assertFalse(java.util.Arrays.equals(atTheta0, atTheta1), "the first step changed the losses");
    }

    @Test
    void drawsFollowTheRankingOfTheLastSort() {
        // Fixed θ: with s = 1000 on 30 samples, the hardest sample is drawn about 1000^(29/30) times as often
        // as the easiest; check that the most drawn sample is the one with the largest loss.
        RecordingModel model = new RecordingModel(mlp(44));
        RecordingSource src = new RecordingSource(DATA);
        OnlineBatchSelection lh = new OnlineBatchSelection(new OnlineBatchSelection.Config(10, 1000, 1000, 1000, 8));
        int[] counts = new int[30];
        for (int t = 0; t < 50; t++) {
            lh.step(model, src, MethodContract.context(t, 0.1));
            for (int i : src.last()) {
                counts[i]++;
            }
        }
        double[] losses = model.forward(DATA.get(FullPass.range(30)), 30).losses();
        int hardest = OnlineBatchSelection.rank(losses)[0];
        int mostDrawn = 0;
        for (int i = 1; i < 30; i++) {
            mostDrawn = counts[i] > counts[mostDrawn] ? i : mostDrawn;
        }
        assertEquals(hardest, mostDrawn, "counts " + java.util.Arrays.toString(counts));
    }

    @Test
    void restoredMethodContinuesIdentically() {
        MethodContract.restoredMethodContinuesIdentically(
                () -> DlModel.of(Nets.mlp(45, 5, 6, 3, Activation.SOFTMAX, LossFunction.MCXENT,
                        new Nesterovs(0.1, 0.9), 5e-4)),
                () -> new OnlineBatchSelection(new OnlineBatchSelection.Config(4, 100, 5, 2, 8)), DATA, 0.1, 3, 6);
    }

    @Test
    void paramsAndFreshStateAreRecorded() {
        OnlineBatchSelection lh = new OnlineBatchSelection(OnlineBatchSelection.Config.of(128, 100, 600));
        assertEquals("loshchilov-hutter", lh.id());
        assertEquals(300, lh.params().get("sortInterval"));
        assertEquals("none", lh.params().get("reweighting"));
        lh.restore(MethodContract.throughJson(lh.state()));
        assertNull(lh.state().get("latestLoss"));
    }

    @Test
    void badHyperparametersAreRejectedBeforeTraining() {
        assertThrows(IllegalArgumentException.class, () -> OnlineBatchSelection.Config.of(0, 10, 600));
        assertThrows(IllegalArgumentException.class, () -> OnlineBatchSelection.Config.of(128, 0.5, 600));
        assertThrows(IllegalArgumentException.class, () -> OnlineBatchSelection.Config.of(128, Double.NaN, 600));
        assertThrows(IllegalArgumentException.class, () -> OnlineBatchSelection.Config.of(128, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new OnlineBatchSelection.Config(128, 10, 600, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> new OnlineBatchSelection.Config(128, 10, 600, 300, 0));
        assertThrows(IllegalArgumentException.class, () -> new OnlineBatchSelection(null));
    }
}
