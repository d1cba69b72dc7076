package org.isrepro.core.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.Model;
import org.isrepro.core.testing.ArraySource;
import org.isrepro.core.testing.MethodContract;
import org.isrepro.core.testing.Nd4jTestBase;
import org.isrepro.core.testing.Nets;
import org.isrepro.core.data.RecordingSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** SVRG, Katyusha and SCSG: the control variate, the schedules, the cost clock and checkpoints. */
class VarianceReducedTest extends Nd4jTestBase {
    private static final SampleSource DATA = new ArraySource(Nets.classification(31, 40, new long[] {5}, 3));

    private static Model mlp(long seed) {
        return DlModel.of(Nets.mlp(seed, 5, 6, 3, Activation.SOFTMAX, LossFunction.MCXENT, new Sgd(0.1), 0));
    }

    private static Model momentumMlp() {
        return DlModel.of(Nets.mlp(33, 5, 6, 3, Activation.SOFTMAX, LossFunction.MCXENT, new Nesterovs(0.1, 0.9), 5e-4));
    }

    private static StepContext ctx(long t) {
        return MethodContract.context(t, 0.1);
    }

    @Test
    void controlVariateAveragedOverAllSamplesIsTheFullGradientAtTheCurrentPoint() {
        Model model = mlp(32);
        INDArray snapshot = model.params();
        INDArray mu = FullPass.meanGradient(model, DATA, 7);   // chunks of 7 do not divide 40
        assertEquals(0.0, mu.distance2(model.gradient(DATA.get(FullPass.range(40)), null)), 1e-12,
                "chunk-weighted mean gradient");
        model.setParams(snapshot.add(0.3));
        INDArray full = model.gradient(DATA.get(FullPass.range(40)), null);
        INDArray average = Nd4j.zerosLike(full);
        for (int i = 0; i < 40; i++) {
            average.addi(VarianceReduced.corrected(model, DATA.get(new int[] {i}), snapshot, mu).gradient().div(40));
        }
        assertEquals(0.0, average.distance2(full), 1e-12, "E[v] = ∇F(θ) over single-sample batches");
        assertEquals(0.0, model.params().distance2(snapshot.add(0.3)), 1e-15, "θ is left in place");
        model.setParams(snapshot);
        INDArray atSnapshot = VarianceReduced.corrected(model, DATA.get(new int[] {3, 5}), snapshot, mu).gradient();
        assertEquals(0.0, atSnapshot.distance2(mu), 1e-12, "v = μ at θ = θ̃");
    }

    @Test
    void svrgRefreshesItsSnapshotEveryMUpdatesAndChargesTheFullPassThen() {
        Model model = mlp(34);
        Svrg svrg = new Svrg(new Svrg.Config(4, 0.5, 16));   // m = 0.5 epoch of 40 = 5 updates
        assertEquals(5, svrg.updatesPerSnapshot(40));
        List<Double> costs = new ArrayList<>();
        INDArray atStep5 = null;
        for (int t = 0; t < 11; t++) {
            if (t == 5) {
                atStep5 = model.params();
            }
            costs.add(svrg.step(model, DATA, ctx(t)).costUnits());
        }
        double refresh = 3 * 40 + 6 * 4;
        assertEquals(List.of(refresh, 24.0, 24.0, 24.0, 24.0, refresh, 24.0, 24.0, 24.0, 24.0, refresh), costs);
        // the snapshot taken at step 10 is not the one of step 5: check the one of step 5 before it is replaced
        Svrg again = new Svrg(new Svrg.Config(4, 0.5, 16));
        Model m2 = mlp(34);
        for (int t = 0; t < 6; t++) {
            again.step(m2, DATA, ctx(t));
        }
        assertArrayEquals(atStep5.toDoubleVector(), StateCodec.doubles(again.state(), "snapshot"), 1e-15);
        assertEquals(1L, again.state().get("stepsInStage"));
    }

    @Test
    void svrgReportsTheBatchLossAtTheCurrentPoint() {
        Model model = mlp(35);
        RecordingSource src = new RecordingSource(DATA);
        Svrg svrg = new Svrg(Svrg.Config.of(4, 1.0));
        svrg.step(model, src, ctx(0));
        INDArray before = model.params();
        double loss = svrg.step(model, src, ctx(1)).loss();
        Model probe = mlp(35);
        probe.setParams(before);
        double[] expected = probe.forward(DATA.get(src.last()), 4).losses();
        assertEquals(FullPass.mean(expected), loss, 1e-12);
    }

    /** One Katyusha update by hand, plain SGD, no weight decay: x, g̃ at the new x, y' = x − ηg̃, z' = z − (η/τ₁)g̃. */
    @Test
    void katyushaUpdateFollowsAllenZhu() {
        double eta = 0.1;
        double tau1 = 0.3;
        double tau2 = 0.5;
        Model model = mlp(36);
        Katyusha k = new Katyusha(new Katyusha.Config(4, 1.0, tau1, tau2, 16));   // m = 10 updates
        k.step(model, DATA, ctx(0));
        k.step(model, DATA, ctx(1));
        Map<String, Object> s = k.state();
        INDArray z = Nd4j.createFromArray(StateCodec.doubles(s, "z"));
        INDArray snapshot = Nd4j.createFromArray(StateCodec.doubles(s, "snapshot"));
        INDArray mu = Nd4j.createFromArray(StateCodec.doubles(s, "mu"));
        INDArray y = model.params().reshape(z.length());
        assertTrue(z.distance2(y) > 1e-6 && snapshot.distance2(y) > 1e-6, "x should mix three distinct points");

        INDArray x = z.mul(tau1).addi(snapshot.mul(tau2)).addi(y.mul(1 - tau1 - tau2));
        int[] batch = Draws.uniform(40, 4, ctx(2).random());
        Model probe = mlp(36);
        probe.setParams(x);
        INDArray gx = probe.gradient(DATA.get(batch), null).reshape(z.length());
        probe.setParams(snapshot);
        INDArray gs = probe.gradient(DATA.get(batch), null).reshape(z.length());
        INDArray g = mu.add(gx).subi(gs);

        k.step(model, DATA, ctx(2));
        assertArrayEquals(x.sub(g.mul(eta)).toDoubleVector(), model.params().toDoubleVector(), 1e-12, "y-step");
        assertArrayEquals(z.sub(g.mul(eta / tau1)).toDoubleVector(), StateCodec.doubles(k.state(), "z"), 1e-12,
                "z-step");
    }

    @Test
    void katyushaSnapshotIsTheMeanOfTheEpochsIterates() {
        Model model = mlp(37);
        Katyusha k2 = new Katyusha(new Katyusha.Config(20, 1.0, 0.5, 0.5, 16)); // m = 2 updates
        List<INDArray> ys = new ArrayList<>();
        List<Double> costs = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            costs.add(k2.step(model, DATA, ctx(t)).costUnits());
            ys.add(model.params());
        }
        INDArray mean = ys.get(0).add(ys.get(1)).divi(2);
        assertArrayEquals(mean.toDoubleVector(), StateCodec.doubles(k2.state(), "snapshot"), 1e-14);
        assertEquals(List.of(120.0 + 120, 120.0, 120.0 + 120), costs, "3N at refreshes plus 6b per update");
        assertEquals(1, VarianceReduced.updatesPerEpochs(0.01, 40, 4), "at least one update per stage");
    }

    @Test
    void scsgStagesUseGrowingLargeBatchesChargedAtTheirSize() {
        Model model = mlp(38);
        Scsg scsg = new Scsg(new Scsg.Config(2, 8, 2.0, 16));
        List<Long> nextSizes = new ArrayList<>();
        double total = 0;
        int steps = 40;
        for (int t = 0; t < steps; t++) {
            total += scsg.step(model, DATA, ctx(t)).costUnits();
            nextSizes.add(scsg.nextLargeBatch());
        }
        long stages = (Long) scsg.state().get("stages");
        assertTrue(stages >= 4, "only " + stages + " stages in " + steps + " updates");
        double stageCost = 0;
        for (int j = 0; j < stages; j++) {
            stageCost += 3 * Math.min(40, 8L << j);   // B_j = min(N, 2^j B_0)
        }
        assertEquals(6 * 2 * steps + stageCost, total, 1e-9, "6b per update plus 3B_j per stage");
        assertEquals(40L, nextSizes.get(steps - 1), "B_j is capped at N");
    }

    @Test
    void scsgInnerLoopLengthIsGeometricWithMeanBOverB() {
        SplittableRandom r = new SplittableRandom(5);
        double gamma = 64.0 / (64 + 8);   // B = 64, b = 8: E = 8, P(0) = 1/9
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            long k = Scsg.geometric(gamma, r);
            sum += k;
            sumSq += (double) k * k;
            zeros += k == 0 ? 1 : 0;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSq / n - mean * mean);
        assertEquals(8.0, mean, 4.5 * sd / Math.sqrt(n), "mean inner-loop length B/b");
        double p0 = 1 - gamma;
        assertEquals(p0, (double) zeros / n, 4.5 * Math.sqrt(p0 * (1 - p0) / n), "P(N_j = 0) = 1 − γ");
    }

    @Test
    void withoutReplacementDrawsAreDistinctAndUniform() {
        SplittableRandom r = new SplittableRandom(6);
        int[] counts = new int[10];
        int reps = 20_000;
        for (int rep = 0; rep < reps; rep++) {
            int[] d = Scsg.withoutReplacement(10, 3, r);
            assertEquals(3, java.util.Arrays.stream(d).distinct().count());
            for (int i : d) {
                counts[i]++;
            }
        }
        double p = 0.3;
        for (int i = 0; i < 10; i++) {
            assertEquals(p, (double) counts[i] / reps, 4.5 * Math.sqrt(p * (1 - p) / reps), "inclusion of " + i);
        }
        assertEquals(10, java.util.Arrays.stream(Scsg.withoutReplacement(10, 10, r)).distinct().count());
    }

    @Test
    void restoredSvrgContinuesIdentically() {
        MethodContract.restoredMethodContinuesIdentically(VarianceReducedTest::momentumMlp,
                () -> new Svrg(new Svrg.Config(4, 0.5, 16)), DATA, 0.1, 3, 5);
    }

    @Test
    void restoredKatyushaContinuesIdentically() {
        MethodContract.restoredMethodContinuesIdentically(() -> mlp(39),
                () -> new Katyusha(new Katyusha.Config(4, 0.5, 0.3, 0.5, 16)), DATA, 0.1, 3, 5);
    }

    @Test
    void restoredScsgContinuesIdentically() {
        MethodContract.restoredMethodContinuesIdentically(VarianceReducedTest::momentumMlp,
                () -> new Scsg(new Scsg.Config(2, 8, 1.5, 16)), DATA, 0.1, 3, 8);
    }

    @Test
    void badHyperparametersAreRejectedBeforeTraining() {
        assertThrows(IllegalArgumentException.class, () -> new Svrg.Config(0, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> new Svrg.Config(4, 0, 16));
        assertThrows(IllegalArgumentException.class, () -> new Svrg.Config(4, Double.NaN, 16));
        assertThrows(IllegalArgumentException.class, () -> new Svrg.Config(4, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Katyusha.Config(4, 1, 0, 0.5, 16));
        assertThrows(IllegalArgumentException.class, () -> new Katyusha.Config(4, 1, 0.6, 0.3, 16));
        assertThrows(IllegalArgumentException.class, () -> new Katyusha.Config(4, 1, 0.5, 0.6, 16));
        assertThrows(IllegalArgumentException.class, () -> new Katyusha.Config(4, 1, 0.3, -0.1, 16));
        assertThrows(IllegalArgumentException.class, () -> new Katyusha.Config(4, -1, 0.3, 0.5, 16));
        assertThrows(IllegalArgumentException.class, () -> new Scsg.Config(8, 4, 1.5, 16));
        assertThrows(IllegalArgumentException.class, () -> new Scsg.Config(4, 8, 0.9, 16));
        assertThrows(IllegalArgumentException.class, () -> new Scsg.Config(4, 8, Double.POSITIVE_INFINITY, 16));
        assertThrows(IllegalArgumentException.class, () -> new Svrg(null));
        Svrg svrg = new Svrg(Svrg.Config.of(4, 1));
        assertThrows(IllegalArgumentException.class, () -> svrg.restore(Map.of("stepsInStage", 3.0)),
                "mid-stage checkpoint without a snapshot");
    }
}
