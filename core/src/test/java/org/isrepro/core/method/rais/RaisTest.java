package org.isrepro.core.method.rais;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.nd4j.shade.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.SplittableRandom;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.StepReport;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.testing.ArraySource;
import org.isrepro.core.testing.Nd4jTestBase;
import org.isrepro.core.testing.Nets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class RaisTest extends Nd4jTestBase {
    private static final EffectiveSchedule SCHEDULE = th -> 0.1 / (1 + 0.01 * th);

    private static StepContext ctx(long t) {
        return new StepContext(t, 0.5, new SplittableRandom(7_000 + t));
    }

    private static RaisConfig small(RaisConfig.Features features) {
        // n = 64, b = 8: one warm-up epoch = 8 steps, (PT) every 4 steps
        return RaisConfig.defaults(8).with(Map.of("dSize", 32, "features", features.name()));
    }

    @Test
    void effectiveIterationAdvancesByRAndTheLearningRateIsRTimesLrOfTHat() {
        DataSet data = Nets.classification(51, 64, new long[] {5}, 3);
        FrozenModel model = new FrozenModel(DlModel.of(Nets.softmaxMlp(52, 5, 6, 3)));
        Rais rais = new Rais(small(RaisConfig.Features.LAST_NORM_AND_CLASS), SCHEDULE);
        ArraySource src = new ArraySource(data);
        boolean sawIs = false;
        boolean sawGain = false;
        for (int t = 0; t < 40; t++) {
            double r = rais.gainRatio();
            double before = rais.effectiveIteration();
            StepReport rep = rais.step(model, src, ctx(t));
            assertEquals(before + r, rais.effectiveIteration(), 1e-12, "t̂ must advance by r at step " + t);
            assertEquals(r * SCHEDULE.at(rais.effectiveIteration()), rep.learningRate(), 1e-15);
            assertEquals(rep.learningRate(), model.learningRates.get(t), 0);
            assertEquals(24.0, rep.costUnits(), 0);
            if (t < 8) {
                assertFalse(rep.importanceSampled(), "warm-up step " + t + " must be uniform");
                assertEquals(1.0, r, 0);
            }
            sawIs |= rep.importanceSampled();
            sawGain |= Math.abs(rais.gainRatio() - 1) > 1e-6;
        }
        assertTrue(sawIs, "RAIS never importance sampled after its warm-up");
        assertTrue(sawGain, "r never moved from 1");
        assertTrue(rais.ptSolves() > 0);
        double[] p = rais.probabilities();
        double sum = 0;
        for (double x : p) {
            assertTrue(x > 0);
            sum += x;
        }
        assertEquals(1.0, sum, 1e-12);
    }

    /** Weights are 1/(n p) of the probability each drawn example had. */
    @Test
    void weightsAreInverseProbabilities() {
        DataSet data = Nets.classification(53, 64, new long[] {5}, 3);
        FrozenModel model = new FrozenModel(DlModel.of(Nets.softmaxMlp(54, 5, 6, 3)));
        Rais rais = new Rais(small(RaisConfig.Features.LAST_NORM_AND_CLASS), SCHEDULE);
        ArraySource src = new ArraySource(data);
        double[][] rows = data.getFeatures().toDoubleMatrix();
        for (int t = 0; t < 30; t++) {
            double[] p = t >= 8 ? rais.probabilities() : null;
            rais.step(model, src, ctx(t));
            if (p == null) {
                continue;
            }
            double[][] x = model.batches.get(t).getFeatures().toDoubleMatrix();
            double[] w = model.weights.get(t);
            for (int k = 0; k < x.length; k++) {
                int i = -1;
                for (int j = 0; j < rows.length; j++) {
                    if (java.util.Arrays.equals(rows[j], x[k])) {
                        i = j;
                    }
                }
                assertEquals(1.0 / (64 * p[i]), w[k], 1e-9 / p[i], "weight of example " + i + " at step " + t);
            }
        }
    }

    /**
     * ND4J's oneDNN + AVX2 build vectorises its kernels, and a kernel's rounding can depend on where a buffer
     * sits in memory, which differs between an uninterrupted run and a restored one: there the weights agree to
     * the last few bits instead of all of them (docs/records.md, "Determinism"). The draws must still agree.
     */
    private static double weightTolerance() {
        String build = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        return build.contains("HAVE_ONEDNN") ? 1e-12 : 0;
    }

    @Test
    void resumedRunDrawsExactlyWhatTheUninterruptedOneDraws() throws Exception {
        double tolerance = weightTolerance();
        for (RaisConfig.Features f : RaisConfig.Features.values()) {
            DataSet data = Nets.classification(55, 64, new long[] {5}, 3);
            ArraySource src = new ArraySource(data);
            FrozenModel whole = new FrozenModel(DlModel.of(Nets.softmaxMlp(56, 5, 6, 3)));
            Rais a = new Rais(small(f), SCHEDULE);
            for (int t = 0; t < 40; t++) {
                a.step(whole, src, ctx(t));
            }
            FrozenModel first = new FrozenModel(DlModel.of(Nets.softmaxMlp(56, 5, 6, 3)));
            Rais b = new Rais(small(f), SCHEDULE);
            for (int t = 0; t < 23; t++) {
                b.step(first, src, ctx(t));
            }
            ObjectMapper json = new ObjectMapper();
            @SuppressWarnings("unchecked")
            Map<String, Object> saved = json.readValue(json.writeValueAsString(b.state()), Map.class);
            FrozenModel second = new FrozenModel(DlModel.of(Nets.softmaxMlp(56, 5, 6, 3)));
            Rais c = new Rais(small(f), SCHEDULE);
            c.restore(saved);
            for (int t = 23; t < 40; t++) {
                c.step(second, src, ctx(t));
                int k = t - 23;
                assertEquals(whole.learningRates.get(t), second.learningRates.get(k), 0, f + " lr at step " + t);
                assertArrayEquals(whole.weights.get(t), second.weights.get(k), tolerance, f + " weights at step " + t);
                assertEquals(whole.batches.get(t).getFeatures(), second.batches.get(k).getFeatures(), f + " batch " + t);
            }
            assertEquals(a.effectiveIteration(), c.effectiveIteration(), 0);
        }
    }

    /** A Fenwick-tree draw has P(i) = ⟨e, s_i⟩/⟨e, S̄⟩: chi-square over 200k draws. */
    @Test
    void featureTableSamplesInProportionToTheMixture() {
        FeatureTable table = new FeatureTable(7, 3);
        double[][] s = {{0.5, 1, 0}, {0, 1, 0}, {2.0, 0, 1}, {0.1, 0, 1}, {0, 0, 0}, {1.3, 1, 0}, {0.7, 0, 1}};
        for (int i = 0; i < 7; i++) {
            for (int k = 0; k < 3; k++) {
                table.set(i, k, s[i][k]);
            }
        }
        table.set(2, 0, 3.0);  // an update after the first set
        s[2][0] = 3.0;
        double[] e = {0.6, 0.2, 0.05};
        int draws = 200_000;
        int[] counts = new int[7];
        SplittableRandom rng = new SplittableRandom(11);
        for (int j = 0; j < draws; j++) {
            counts[table.sample(e, rng)]++;
        }
        assertEquals(0, counts[4], "an example with zero weight was drawn");
        double chi2 = 0;
        for (int i = 0; i < 7; i++) {
            double p = table.probability(e, i);
            if (i != 4) {
                chi2 += Math.pow(counts[i] - draws * p, 2) / (draws * p);
            }
        }
        // 5 degrees of freedom: P(chi2 > 20.5) < 0.001
        assertTrue(chi2 < 20.5, "chi-square " + chi2);
    }

    /** EQ6's ‖g_R‖² read in DL4J's gradient callback equals the squared norm of Model.gradient's mean gradient. */
    @Test
    void gradientTapMeasuresTheMeanMinibatchGradient() {
        DataSet data = Nets.classification(57, 6, new long[] {5}, 3);
        DlModel dl = DlModel.of(Nets.softmaxMlp(58, 5, 6, 3));
        double[] w = {0.5, 2, 1, 1.5, 0.25, 3};
        INDArray g = dl.gradient(data, w);
        double expected = Math.pow(g.norm2Number().doubleValue(), 2);
        GradientTap tap = new GradientTap();
        ((org.deeplearning4j.nn.multilayer.MultiLayerNetwork) dl.network()).addListeners(tap);
        dl.setLearningRate(0.1);
        dl.weightedStep(data, w);
        assertEquals(expected, tap.meanSquaredNorm(6), 1e-10 * expected);
    }

    @Test
    void eq6FormRunsOnADlModel() {
        DataSet data = Nets.classification(59, 64, new long[] {5}, 3);
        DlModel dl = DlModel.of(Nets.softmaxMlp(60, 5, 6, 3));
        Rais rais = new Rais(small(RaisConfig.Features.LAST_NORM_AND_CLASS).with(Map.of("gainRatio", "EQ6")),
                EffectiveSchedule.constant(0.05));
        for (int t = 0; t < 20; t++) {
            StepReport rep = rais.step(dl, new ArraySource(data), ctx(t));
            assertTrue(Double.isFinite(rep.loss()));
        }
        assertNotNull(rais.uncertaintySet());
        assertThrows(IllegalArgumentException.class, () -> new Rais(RaisConfig.defaults(8).with(Map.of("gainRatio",
                "EQ6")), SCHEDULE).step(new FrozenModel(dl), new ArraySource(data), ctx(0)));
    }

    @Test
    void badHyperparametersAreRejected() {
        RaisConfig ok = RaisConfig.defaults(8);
        assertThrows(IllegalArgumentException.class, () -> RaisConfig.defaults(0));
        assertThrows(IllegalArgumentException.class, () -> ok.with(Map.of("alpha", 0.0)));
        assertThrows(IllegalArgumentException.class, () -> ok.with(Map.of("alpha", 1.5)));
        assertThrows(IllegalArgumentException.class, () -> ok.with(Map.of("dSize", 4)));
        assertThrows(IllegalArgumentException.class, () -> ok.with(Map.of("rMin", 2.0, "rMax", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> ok.with(Map.of("rMin", 0.0)));
        assertThrows(IllegalArgumentException.class, () -> ok.with(Map.of("uniformFloor", -0.1)));
        assertThrows(IllegalArgumentException.class, () -> ok.with(Map.of("warmupEpochs", -1)));
        assertThrows(IllegalArgumentException.class, () -> ok.with(Map.of("initialGainRatio", 20.0)));
        assertThrows(IllegalArgumentException.class, () -> ok.with(Map.of("gainRatio", "BOTH")));
        assertThrows(IllegalArgumentException.class, () -> ok.with(Map.of("dsize", 100)));
        assertThrows(IllegalArgumentException.class, () -> new Rais(ok, null));
        assertEquals(20, ok.ptEvery());
    }
}
