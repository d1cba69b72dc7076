package org.isrepro.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.Model;
import org.isrepro.core.testing.Nd4jTestBase;
import org.isrepro.core.testing.Nets;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

@Tag(Tags.FAST)
class GoodfellowScorerTest extends Nd4jTestBase {

    /** 6 → 9 (tanh) → 7 (relu) → 8 (sigmoid, no bias) → 4 (softmax), double precision. */
    private static MultiLayerNetwork deepMlp(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.DOUBLE).updater(new Sgd(0.1)).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(9).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nIn(9).nOut(7).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(7).nOut(8).activation(Activation.SIGMOID).hasBias(false).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(4).activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void assertRelativelyEqual(double[] expected, double[] actual, double relative) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.abs(expected[i]), "sample " + i);
        }
    }

    @Test
    void equalsBatchSizeOneGradientNormsInADeepMlp() {
        DataSet data = Nets.classification(21, 25, new long[] {6}, 4);
        Model m = DlModel.of(deepMlp(22));
        double[] exact = new GradientNormScorer().score(m, data, 25);
        assertRelativelyEqual(exact, new GoodfellowScorer().score(m, data, 25), 1e-6);
    }

    @Test
    void equalsBatchSizeOneGradientNormsForIdentityMeanSquaredError() {
        DataSet data = Nets.targets(23, 12, 5, 3);
        Model m = DlModel.of(Nets.mlp(24, 5, 6, 3, Activation.IDENTITY, LossFunction.MSE, new Sgd(0.1), 0));
        assertRelativelyEqual(new GradientNormScorer().score(m, data, 12), new GoodfellowScorer().score(m, data, 12),
                1e-6);
    }

    @Test
    void chunkSizeDoesNotChangeTheNorms() {
        DataSet data = Nets.classification(25, 17, new long[] {6}, 4);
        Model m = DlModel.of(deepMlp(26));
        assertArrayEquals(new GoodfellowScorer().score(m, data, 17), new GoodfellowScorer().score(m, data, 5), 1e-12);
    }

    @Test
    void convolutionalNetworkIsRefusedNamingTheLayer() {
        DataSet data = Nets.classification(27, 3, new long[] {1, 8, 8}, 3);
        Model m = DlModel.of(Nets.tinyCnn(28, 3, new Sgd(0.1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GoodfellowScorer().score(m, data, 3));
        assertTrue(e.getMessage().contains("layer 0") && e.getMessage().contains("ConvolutionLayer"), e.getMessage());
    }

    @Test
    void computationGraphIsRefused() {
        DataSet data = Nets.classification(29, 3, new long[] {4}, 3);
        Model m = DlModel.of(Nets.graphMlp(30, 4, 5, 3, new Sgd(0.1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GoodfellowScorer().score(m, data, 3));
        assertTrue(e.getMessage().contains("ComputationGraph"), e.getMessage());
    }

    @Test
    void chargedAsOneForwardAndOneBackwardPass() {
        assertEquals(3.0, new GoodfellowScorer().costPerSample());
        assertEquals(GoodfellowScorer.ID, Scorers.byId("goodfellow").id());
    }
}
