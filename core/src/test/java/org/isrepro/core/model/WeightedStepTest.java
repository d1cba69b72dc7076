package org.isrepro.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.isrepro.core.testing.ArraySource;
import org.isrepro.core.testing.Nd4jTestBase;
import org.isrepro.core.testing.Nets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

class WeightedStepTest extends Nd4jTestBase {

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    /** One step with weights (2, 1, 0) against one unweighted step on rows (0, 0, 1). */
    private static double weightedVersusDuplicated(Model weighted, Model duplicated, DataSet three) {
        ArraySource src = new ArraySource(three);
        weighted.setLearningRate(0.1);
        duplicated.setLearningRate(0.1);
        weighted.weightedStep(src.get(new int[] {0, 1, 2}), new double[] {2, 1, 0});
        duplicated.weightedStep(src.get(new int[] {0, 0, 1}), null);
        return maxAbsDiff(weighted.params(), duplicated.params());
    }

    /**
     * The value a step returns is the weighted mean data loss (1/n) Σ w_i L_i at the parameters before the
     * step, which the runner records: an unweighted mean, or one taken after the update, must fail.
     */
    @Test
    void weightedStepReturnsTheWeightedMeanLossBeforeTheUpdate() {
        DataSet data = Nets.classification(4, 4, new long[] {5}, 3);
        MultiLayerNetwork net = Nets.mlp(9, 5, 6, 3, Activation.SOFTMAX, LossFunction.MCXENT, new Sgd(0.5), 0);
        Model model = DlModel.of(net);
        double[] w = {3, 0.5, 0, 0.5};
        double[] losses = model.forward(data, 4).losses();
        double expected = 0;
        double unweighted = 0;
        for (int i = 0; i < w.length; i++) {
            expected += w[i] * losses[i] / w.length;
            unweighted += losses[i] / w.length;
        }
        assertTrue(Math.abs(expected - unweighted) > 1e-3, "weights chosen so that the two means differ");
        double returned = model.weightedStep(data, w);
        assertEquals(expected, returned, 1e-5 * Math.abs(expected));
        double after = model.forward(data, 4).losses()[0];
        assertTrue(Math.abs(after - losses[0]) > 1e-6, "the step changed the parameters");
    }

    @Test
    void integerWeightsEqualDuplicatedRows() {
        DataSet data = Nets.classification(1, 3, new long[] {5}, 3);
        MultiLayerNetwork a = Nets.mlp(7, 5, 6, 3, Activation.SOFTMAX, LossFunction.MCXENT, new Sgd(0.1), 0);
        MultiLayerNetwork b = a.clone();
        assertEquals(0.0, weightedVersusDuplicated(DlModel.of(a), DlModel.of(b), data), 1e-8);
    }

    @Test
    void integerWeightsEqualDuplicatedRowsWithMomentumAndWeightDecay() {
        // Weight decay is applied by the updater, outside the loss, so it must not be weighted.
        DataSet data = Nets.classification(2, 3, new long[] {5}, 3);
        MultiLayerNetwork a = Nets.mlp(8, 5, 6, 3, Activation.SOFTMAX, LossFunction.MCXENT, new Nesterovs(0.1, 0.9),
                5e-4);
        MultiLayerNetwork b = a.clone();
        Model wa = DlModel.of(a);
        Model wb = DlModel.of(b);
        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, weightedVersusDuplicated(wa, wb, data), 1e-8, "step " + i);
        }
    }

    @Test
    void integerWeightsEqualDuplicatedRowsInAConvolutionalNetwork() {
        DataSet data = Nets.classification(3, 3, new long[] {1, 8, 8}, 3);
        MultiLayerNetwork a = Nets.tinyCnn(9, 3, new Sgd(0.1));
        assertEquals(0.0, weightedVersusDuplicated(DlModel.of(a), DlModel.of(a.clone()), data), 1e-8);
    }

    @Test
    void integerWeightsEqualDuplicatedRowsInAComputationGraph() {
        DataSet data = Nets.classification(4, 3, new long[] {5}, 3);
        ComputationGraph a = Nets.graphMlp(10, 5, 6, 3, new Sgd(0.1));
        assertEquals(0.0, weightedVersusDuplicated(DlModel.of(a), DlModel.of(a.clone()), data), 1e-8);
    }

    @Test
    void weightsChangeTheUpdate() {
        // Guards the test above against a mechanism that ignores weights altogether.
        DataSet data = Nets.classification(1, 3, new long[] {5}, 3);
        MultiLayerNetwork a = Nets.softmaxMlp(7, 5, 6, 3);
        Model wa = DlModel.of(a);
        Model wb = DlModel.of(a.clone());
        wa.weightedStep(data, new double[] {2, 1, 0});
        wb.weightedStep(data, null);
        assertTrue(maxAbsDiff(wa.params(), wb.params()) > 1e-4);
    }

    @Test
    void gradientIsTheWeightedMeanOfPerSampleGradients() {
        DataSet data = Nets.classification(5, 4, new long[] {5}, 3);
        Model m = DlModel.of(Nets.softmaxMlp(11, 5, 6, 3));
        ArraySource src = new ArraySource(data);
        double[] w = {0.5, 2, 0, 1.5};
        INDArray expected = null;
        for (int i = 0; i < 4; i++) {
            INDArray gi = m.gradient(src.get(new int[] {i}), null).muli(w[i] / 4);
            expected = expected == null ? gi : expected.addi(gi);
        }
        assertEquals(0.0, maxAbsDiff(expected, m.gradient(data, w)), 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheMeanLoss() {
        DataSet data = Nets.classification(6, 4, new long[] {3}, 2);
        Model m = DlModel.of(Nets.softmaxMlp(12, 3, 3, 2));
        INDArray g = m.gradient(data, null);
        INDArray p = m.params();
        double h = 1e-6;
        for (int k = 0; k < p.length(); k++) {
            INDArray plus = p.dup();
            plus.putScalar(k, p.getDouble(k) + h);
            m.setParams(plus);
            double lp = mean(m.forward(data, 8).losses());
            INDArray minus = p.dup();
            minus.putScalar(k, p.getDouble(k) - h);
            m.setParams(minus);
            double lm = mean(m.forward(data, 8).losses());
            assertEquals((lp - lm) / (2 * h), g.getDouble(k), 1e-7, "parameter " + k);
        }
        m.setParams(p);
    }

    @Test
    void applyingTheMeanGradientEqualsAStep() {
        DataSet data = Nets.classification(15, 5, new long[] {5}, 3);
        MultiLayerNetwork a = Nets.mlp(16, 5, 6, 3, Activation.SOFTMAX, LossFunction.MCXENT, new Nesterovs(0.1, 0.9),
                5e-4);
        Model stepped = DlModel.of(a);
        Model applied = DlModel.of(a.clone());
        for (int i = 0; i < 3; i++) {
            stepped.weightedStep(data, null);
            applied.applyGradient(applied.gradient(data, null));
            assertEquals(0.0, maxAbsDiff(stepped.params(), applied.params()), 1e-10, "step " + i);
        }
    }

    @Test
    void applyingTheMeanGradientEqualsAStepInAComputationGraph() {
        DataSet data = Nets.classification(17, 5, new long[] {5}, 3);
        ComputationGraph a = Nets.graphMlp(18, 5, 6, 3, new Nesterovs(0.1, 0.9));
        Model stepped = DlModel.of(a);
        Model applied = DlModel.of(a.clone());
        for (int i = 0; i < 3; i++) {
            stepped.weightedStep(data, null);
            applied.applyGradient(applied.gradient(data, null));
            assertEquals(0.0, maxAbsDiff(stepped.params(), applied.params()), 1e-10, "step " + i);
        }
    }

    @Test
    void negativeOrNaNWeightsAreRejectedBeforeTheStep() {
        DataSet data = Nets.classification(1, 3, new long[] {5}, 3);
        Model m = DlModel.of(Nets.softmaxMlp(7, 5, 6, 3));
        INDArray before = m.params();
        assertThrows(IllegalArgumentException.class, () -> m.weightedStep(data, new double[] {1, -1, 1}));
        assertThrows(IllegalArgumentException.class, () -> m.weightedStep(data, new double[] {1, Double.NaN, 1}));
        assertThrows(IllegalArgumentException.class, () -> m.weightedStep(data, new double[] {1, 1}));
        assertEquals(0.0, maxAbsDiff(before, m.params()));
    }

    @Test
    void lastTrainingForwardIsThePreUpdateForwardPass() {
        DataSet data = Nets.classification(13, 6, new long[] {5}, 3);
        Model m = DlModel.of(Nets.softmaxMlp(14, 5, 6, 3));
        INDArray zBefore = m.forward(data, 4).preOutput();
        m.weightedStep(data, null);
        assertEquals(0.0, maxAbsDiff(zBefore, m.lastTrainingForward().preOutput()), 1e-12);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
