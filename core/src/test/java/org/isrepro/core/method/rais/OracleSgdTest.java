package org.isrepro.core.method.rais;

import org.isrepro.core.testing.MonteCarlo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.StepReport;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.testing.ArraySource;
import org.isrepro.core.testing.Nd4jTestBase;
import org.isrepro.core.testing.Nets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class OracleSgdTest extends Nd4jTestBase {

    private static StepContext ctx(long t) {
        return new StepContext(t, 0.1, new java.util.SplittableRandom(1000 + t));
    }

    /**
     * N = 16, b = 4, p ∝ exact norms: the mean of the weighted minibatch gradients over T steps must lie
     * within 4.5 Monte-Carlo standard errors of the full gradient in every coordinate (ImportanceSamplingTest's
     * criterion); unit weights are biased and must fail it.
     */
    @Test
    void weightedMinibatchGradientIsUnbiased() {
        DataSet data = Nets.classification(31, 16, new long[] {5}, 3);
        DlModel dl = DlModel.of(Nets.softmaxMlp(32, 5, 6, 3));
        FrozenModel model = new FrozenModel(dl);
        ArraySource src = new ArraySource(data);
        int n = 16;
        double[][] perSample = new double[n][];
        double[][] rows = data.getFeatures().toDoubleMatrix();
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
        OracleSgd osgd = new OracleSgd(4, OracleSgd.Gain.NOISE_DOMINATED, 10, EffectiveSchedule.constant(0.1), 16);
        int steps = 3_000;
        double[][] m = new double[4][dim];  // sums and sums of squares: weighted, then unit weights
        for (int t = 0; t < steps; t++) {
            osgd.step(model, src, ctx(t));
            double[] w = model.weights.get(t);
            double[][] x = model.batches.get(t).getFeatures().toDoubleMatrix();
            int[] idx = new int[4];
            for (int k = 0; k < 4; k++) {
                idx[k] = rowOf(rows, x[k]);
            }
            for (int d = 0; d < dim; d++) {
                double xw = 0;
                double xu = 0;
                for (int k = 0; k < 4; k++) {
                    xw += w[k] * perSample[idx[k]][d] / 4;
                    xu += perSample[idx[k]][d] / 4;
                }
                m[0][d] += xw;
                m[1][d] += xw * xw;
                m[2][d] += xu;
                m[3][d] += xu * xu;
            }
        }
        double weighted = MonteCarlo.maxAbsZ(m[0], m[1], target, steps);
        double unit = MonteCarlo.maxAbsZ(m[2], m[3], target, steps);
        assertTrue(weighted < 4.5, "weighted mean: max |z| = " + weighted);
        assertTrue(unit > 4.5, "unit weights should be biased: max |z| = " + unit);
    }

    private static int rowOf(double[][] rows, double[] x) {
        for (int i = 0; i < rows.length; i++) {
            if (java.util.Arrays.equals(rows[i], x)) {
                return i;
            }
        }
        throw new AssertionError("batch row not in the data");
    }

    /** exactGain against second moments enumerated over all ordered pairs, with p ∝ ‖g_i‖. */
    @Test
    void exactGainEqualsEnumeratedRatio() {
        double[][] g = GainRatioTest.G;
        int n = g.length;
        double[] v = new double[n];
        double sum = 0;
        double[] full = new double[2];
        for (int i = 0; i < n; i++) {
            v[i] = GainRatioTest.norm(g[i]);
            sum += v[i];
            full[0] += g[i][0] / n;
            full[1] += g[i][1] / n;
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = v[i] / sum;
        }
        double exact = GainRatioTest.secondMoment(new double[] {0.25, 0.25, 0.25, 0.25}) / GainRatioTest.secondMoment(p);
        assertEquals(exact, OracleSgd.exactGain(v, full[0] * full[0] + full[1] * full[1], 2), 1e-12);
    }

    @Test
    void effectiveIterationAdvancesByTheGainAndScalesTheLearningRate() {
        DataSet data = Nets.classification(41, 12, new long[] {4}, 3);
        DlModel dl = DlModel.of(Nets.softmaxMlp(42, 4, 5, 3));
        FrozenModel model = new FrozenModel(dl);
        EffectiveSchedule sched = th -> 0.1 / (1 + th);
        OracleSgd osgd = new OracleSgd(3, OracleSgd.Gain.EXACT, 10, sched, 5);
        ArraySource src = new ArraySource(data);
        double prevR = 1.0;
        double tHat = 0;
        for (int t = 0; t < 5; t++) {
            StepReport rep = osgd.step(model, src, ctx(t));
            tHat += prevR;
            assertEquals(tHat, osgd.effectiveIteration(), 1e-12);
            double r = rep.learningRate() / sched.at(tHat);
            assertTrue(r >= 1 && r <= 10, "r_O = " + r);
            assertEquals(rep.learningRate(), model.learningRates.get(t), 0);
            // cost: 3n norms + 3n full gradient + 3b step
            assertEquals(3 * 12 + 3 * 12 + 3 * 3, rep.costUnits(), 1e-12);
            prevR = r;
        }
        assertTrue(prevR > 1, "a frozen model with unequal norms has r_O > 1, got " + prevR);
        OracleSgd resumed = new OracleSgd(3, OracleSgd.Gain.EXACT, 10, sched, 5);
        resumed.restore(Map.copyOf(osgd.state()));
        assertEquals(osgd.effectiveIteration(), resumed.effectiveIteration(), 0);
    }

    @Test
    void badHyperparametersAreRejected() {
        EffectiveSchedule s = EffectiveSchedule.constant(0.1);
        assertThrows(IllegalArgumentException.class, () -> new OracleSgd(0, OracleSgd.Gain.EXACT, 10, s, 1));
        assertThrows(IllegalArgumentException.class, () -> new OracleSgd(4, OracleSgd.Gain.EXACT, 0.5, s, 1));
        assertThrows(IllegalArgumentException.class, () -> new OracleSgd(4, null, 10, s, 1));
        assertThrows(IllegalArgumentException.class, () -> new OracleSgd(4, OracleSgd.Gain.EXACT, 10, null, 1));
        assertThrows(IllegalArgumentException.class, () -> EffectiveSchedule.constant(0));
    }
}
