package org.isrepro.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.Model;
import org.isrepro.core.testing.Nd4jTestBase;
import org.isrepro.core.testing.Nets;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class ScorerTest extends Nd4jTestBase {

    @Test
    void upperBoundOfSoftmaxCrossEntropyIsNormOfSoftmaxMinusLabel() {
        DataSet data = Nets.classification(1, 20, new long[] {5}, 4);
        MultiLayerNetwork net = Nets.softmaxMlp(2, 5, 7, 4);
        INDArray probabilities = net.output(data.getFeatures(), false);
        double[] expected = probabilities.sub(data.getLabels()).norm2(1).toDoubleVector();
        Model m = DlModel.of(net);
        assertArrayEquals(expected, new UpperBoundScorer().score(m, data, 6), 1e-10);
    }

    @Test
    void upperBoundOfTheSpecsWorkedExample() {
        // baselines.md §0: z = (2, 1, 0.1), y = e2 -> 1.0089
        INDArray z = Nd4j.createFromArray(new double[][] {{2, 1, 0.1}});
        INDArray y = Nd4j.createFromArray(new double[][] {{0, 1, 0}});
        ForwardResult f = new ForwardResult(z, y, new ActivationSoftmax(), new LossMCXENT());
        assertEquals(1.0089, new UpperBoundScorer().fromForward(f)[0], 1e-4);
    }

    private static void assertBoundEqualsFiniteDifference(Activation out, LossFunction loss, DataSet data) {
        MultiLayerNetwork net = Nets.mlp(3, (int) data.getFeatures().size(1), 6, (int) data.getLabels().size(1), out,
                loss, new Sgd(0.1), 0);
        Model m = DlModel.of(net);
        ForwardResult f = m.forward(data, 100);
        double[] bound = new UpperBoundScorer().fromForward(f);
        double h = 1e-6;
        INDArray z = f.preOutput();
        for (int i = 0; i < z.size(0); i++) {
            double sq = 0;
            for (int k = 0; k < z.size(1); k++) {
                INDArray zp = z.dup();
                zp.putScalar(i, k, z.getDouble(i, k) + h);
                INDArray zm = z.dup();
                zm.putScalar(i, k, z.getDouble(i, k) - h);
                double lp = new ForwardResult(zp, f.labels(), f.activation(), f.loss()).losses()[i];
                double lm = new ForwardResult(zm, f.labels(), f.activation(), f.loss()).losses()[i];
                double d = (lp - lm) / (2 * h);
                sq += d * d;
            }
            assertEquals(Math.sqrt(sq), bound[i], 1e-6, out + "/" + loss + " sample " + i);
        }
    }

    @Test
    void upperBoundEqualsFiniteDifferenceForSigmoidBinaryCrossEntropy() {
        DataSet d = Nets.targets(4, 6, 5, 3);
        d.setLabels(Nd4j.rand(DataType.DOUBLE, 6, 3).gt(0.5).castTo(DataType.DOUBLE));
        assertBoundEqualsFiniteDifference(Activation.SIGMOID, LossFunction.XENT, d);
    }

    @Test
    void upperBoundEqualsFiniteDifferenceForIdentityMeanSquaredError() {
        assertBoundEqualsFiniteDifference(Activation.IDENTITY, LossFunction.MSE, Nets.targets(5, 6, 5, 3));
    }

    @Test
    void upperBoundEqualsFiniteDifferenceForSoftmaxCrossEntropy() {
        assertBoundEqualsFiniteDifference(Activation.SOFTMAX, LossFunction.MCXENT,
                Nets.classification(6, 6, new long[] {5}, 3));
    }

    @Test
    void fusedSoftmaxOutputIsRefused() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(3).activation(Activation.SOFTMAX).build())
                .layer(new LossLayer.Builder(LossFunction.MCXENT).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DlModel.of(net));
        assertTrue(e.getMessage().contains("fused"), e.getMessage());
    }

    private static double[] finiteDifferenceGradientNorms(Model m, DataSet data, long firstParam) {
        INDArray p = m.params();
        int n = (int) data.getFeatures().size(0);
        double[] sq = new double[n];
        double h = 1e-6;
        for (long k = firstParam; k < p.length(); k++) {
            INDArray plus = p.dup();
            plus.putScalar(k, p.getDouble(k) + h);
            m.setParams(plus);
            double[] lp = m.forward(data, 100).losses();
            INDArray minus = p.dup();
            minus.putScalar(k, p.getDouble(k) - h);
            m.setParams(minus);
            double[] lm = m.forward(data, 100).losses();
            for (int i = 0; i < n; i++) {
                double d = (lp[i] - lm[i]) / (2 * h);
                sq[i] += d * d;
            }
        }
        m.setParams(p);
        for (int i = 0; i < n; i++) {
            sq[i] = Math.sqrt(sq[i]);
        }
        return sq;
    }

    @Test
    void gradientNormEqualsFiniteDifferenceGradientNorm() {
        DataSet data = Nets.classification(7, 5, new long[] {4}, 3);
        Model m = DlModel.of(Nets.softmaxMlp(8, 4, 5, 3));
        assertArrayEquals(finiteDifferenceGradientNorms(m, data, 0), new GradientNormScorer().score(m, data, 5), 1e-6);
    }

    @Test
    void gradientNormEqualsFiniteDifferenceInAConvolutionalNetwork() {
        DataSet data = Nets.classification(9, 3, new long[] {1, 8, 8}, 3);
        Model m = DlModel.of(Nets.tinyCnn(10, 3, new Sgd(0.1)));
        assertArrayEquals(finiteDifferenceGradientNorms(m, data, 0), new GradientNormScorer().score(m, data, 3), 1e-6);
    }

    @Test
    void lastLayerNormEqualsFiniteDifferenceOverTheOutputLayerOnly() {
        DataSet data = Nets.classification(11, 5, new long[] {4}, 3);
        Model m = DlModel.of(Nets.softmaxMlp(12, 4, 5, 3));
        long hiddenParams = 4 * 5 + 5;  // the output layer's parameters come last
        assertArrayEquals(finiteDifferenceGradientNorms(m, data, hiddenParams),
                new LastLayerScorer().score(m, data, 5), 1e-6);
    }

    @Test
    void lossScoresArePerSampleCrossEntropies() {
        DataSet data = Nets.classification(13, 8, new long[] {5}, 4);
        MultiLayerNetwork net = Nets.softmaxMlp(14, 5, 6, 4);
        INDArray p = net.output(data.getFeatures(), false);
        double[] expected = new double[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = -Math.log(p.getRow(i).mul(data.getLabels().getRow(i)).sumNumber().doubleValue());
        }
        assertArrayEquals(expected, new LossScorer().score(DlModel.of(net), data, 3), 1e-10);
    }

    @Test
    void scorersAreFoundByTheirIds() {
        for (String id : Scorers.IDS) {
            assertEquals(id, Scorers.byId(id).id());
        }
        assertThrows(IllegalArgumentException.class, () -> Scorers.byId("loss-squared"));
    }
}
