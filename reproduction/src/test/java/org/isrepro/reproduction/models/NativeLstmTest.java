package org.isrepro.reproduction.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.testing.SystemProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@link NativeLstm} (libnd4j's lstmLayer ops) and DL4J's LSTM compute the same §4.4 network: built with the same
 * seed they hold the same parameters, and outputs, the output layer's pre-activations (eq. 20), gradients, the
 * weighted step and per-sample gradient norms agree to 1e-5 relative, in float as the harness trains.
 */
@Tag("fast")
@Timeout(120)
class NativeLstmTest {
    static final double TOLERANCE = 1e-5;
    static final int FEATURES = 3;
    static final int HIDDEN = 8;
    static final int STEPS = 40;
    static final int BATCH = 6;
    static final String[] PARAMS = {"0_W", "0_RW", "0_b", "1_W", "1_b"};

    /** max |a - b| / max |b| over the array: the error of {@code a} relative to the reference's scale. */
    static double relativeError(INDArray a, INDArray reference) {
        assertArrayEquals(reference.shape(), a.shape());
        INDArray r = reference.castTo(DataType.DOUBLE);
        double scale = r.amaxNumber().doubleValue();
        return a.castTo(DataType.DOUBLE).sub(r).amaxNumber().doubleValue() / Math.max(scale, 1e-30);
    }

    static DataSet batch(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, FEATURES, STEPS).subi(0.5).muli(2);
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, (i * 7) % 10, 1.0);
        }
        return new DataSet(x, y);
    }

    /** [DL4J's LSTM, NativeLstm], both built with {@code seed}. */
    static MultiLayerNetwork[] pair(long seed) {
        return new MultiLayerNetwork[] {
            Architectures.lstm(FEATURES, HIDDEN, 10, seed, new Adam(1e-2), LstmImplementation.DL4J),
            Architectures.lstm(FEATURES, HIDDEN, 10, seed, new Adam(1e-2), LstmImplementation.NATIVE)};
    }

    @Test
    void gateOrderMappingMovesBlocksAndInverts() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 5, 4 * HIDDEN);
        assertEquals(0.0, relativeError(NativeLstm.toDl4jGateOrder(NativeLstm.fromDl4jGateOrder(a)), a));
        assertTrue(relativeError(NativeLstm.fromDl4jGateOrder(a), a) > 0.1, "the gate blocks were not moved");
        INDArray b = Nd4j.rand(DataType.FLOAT, 4 * HIDDEN);
        assertEquals(0.0, relativeError(NativeLstm.toDl4jGateOrder(NativeLstm.fromDl4jGateOrder(b)), b));
    }

    @Test
    void sameSeedDrawsTheSameParameters() {
        MultiLayerNetwork[] nets = pair(3);
        assertEquals(nets[0].params(), nets[1].params());
    }

    @Test
    void outputsAndPreActivationsEqualDl4jLstm() {
        MultiLayerNetwork[] nets = pair(3);
        DataSet ds = batch(11);
        double out = relativeError(nets[1].output(ds.getFeatures()), nets[0].output(ds.getFeatures()));
        ForwardResult z0 = DlModel.of(nets[0]).forward(ds, 4);
        ForwardResult z1 = DlModel.of(nets[1]).forward(ds, 4);
        double pre = relativeError(z1.preOutput(), z0.preOutput());
        System.out.printf("NativeLstm vs DL4J LSTM: outputs %.2e, pre-activations %.2e relative%n", out, pre);
        assertTrue(out <= TOLERANCE, "outputs differ by " + out);
        assertTrue(pre <= TOLERANCE, "pre-activations differ by " + pre);
    }

    @Test
    void gradientsEqualDl4jLstmInEachParameterArray() {
        MultiLayerNetwork[] nets = pair(5);
        DataSet ds = batch(13);
        @SuppressWarnings("unchecked")
        Map<String, INDArray>[] grads = new Map[2];
        for (int k = 0; k < 2; k++) {
            nets[k].setInput(ds.getFeatures());
            nets[k].setLabels(ds.getLabels());
            nets[k].computeGradientAndScore();
            grads[k] = nets[k].gradient().gradientForVariable();
        }
        assertEquals(nets[0].score(), nets[1].score(), TOLERANCE * Math.abs(nets[0].score()));
        for (String key : PARAMS) {
            double err = relativeError(grads[1].get(key), grads[0].get(key));
            System.out.printf("NativeLstm vs DL4J LSTM: gradient %s %.2e relative%n", key, err);
            assertTrue(err <= TOLERANCE, key + " gradient differs by " + err);
        }
    }

    /**
     * With a loss at every time step (an RnnOutputLayer on the whole output sequence) the gradient reaches each
     * step's output directly as well as through the recurrence; for one-step and many-step sequences the
     * parameter and input gradients equal DL4J's LSTM's.
     */
    @Test
    void gradientsEqualDl4jLstmWithALossAtEveryStepAndForOneStep() {
        for (int steps : new int[] {1, STEPS}) {
            Nd4j.getRandom().setSeed(21);
            INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, FEATURES, steps).subi(0.5).muli(2);
            INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 4, steps);
            for (int i = 0; i < BATCH; i++) {
                for (int t = 0; t < steps; t++) {
                    y.putScalar(new int[] {i, (i + t) % 4, t}, 1.0);
                }
            }
            MultiLayerNetwork[] nets = new MultiLayerNetwork[2];
            INDArray[] inputGrads = new INDArray[2];
            for (int k = 0; k < 2; k++) {
                org.deeplearning4j.nn.conf.layers.LSTM layer = k == 1 ? new NativeLstm(FEATURES, HIDDEN)
                        : new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(FEATURES).nOut(HIDDEN)
                                .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID).build();
                nets[k] = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(9).dataType(DataType.FLOAT)
                        .updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).list()
                        .layer(layer)
                        .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).nIn(HIDDEN).nOut(4)
                                .activation(Activation.SOFTMAX).build())
                        .build());
                nets[k].init();
                nets[k].setInput(x);
                nets[k].setLabels(y);
                nets[k].computeGradientAndScore();
                // the LSTM layer alone, given the same gradient at every output: its input gradient
                nets[k].getLayer(0).setInput(x, LayerWorkspaceMgr.noWorkspaces());
                Nd4j.getRandom().setSeed(22);
                INDArray epsilon = Nd4j.rand(DataType.FLOAT, BATCH, HIDDEN, steps).subi(0.5);
                inputGrads[k] = nets[k].getLayer(0).backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces())
                        .getSecond().dup();
            }
            assertEquals(0.0, relativeError(nets[1].params(), nets[0].params()), "the two start from other parameters");
            for (String key : new String[] {"0_W", "0_RW", "0_b"}) {
                double err = relativeError(nets[1].gradient().gradientForVariable().get(key),
                        nets[0].gradient().gradientForVariable().get(key));
                System.out.printf("NativeLstm vs DL4J LSTM, loss at every step, %d step(s): gradient %s %.2e%n",
                        steps, key, err);
                assertTrue(err <= TOLERANCE, key + " gradient differs by " + err + " at " + steps + " step(s)");
            }
            double dx = relativeError(inputGrads[1], inputGrads[0]);
            assertTrue(dx <= TOLERANCE, "input gradient differs by " + dx + " at " + steps + " step(s)");
        }
    }

    /** The weighted step (1/b) Σ w_i L_i with clipping and Adam, and the last-layer check's per-sample norms. */
    @Test
    void weightedStepsAndPerSampleNormsEqualDl4jLstm() {
        MultiLayerNetwork[] nets = pair(7);
        DlModel m0 = DlModel.of(nets[0]);
        DlModel m1 = DlModel.of(nets[1]);
        DataSet ds = batch(17);
        double[] weights = {0.5, 2.0, 1.0, 0.0, 3.0, 1.5};
        for (int step = 0; step < 3; step++) {
            double l0 = m0.weightedStep(ds, weights);
            double l1 = m1.weightedStep(ds, weights);
            assertEquals(l0, l1, TOLERANCE * Math.abs(l0), "loss at step " + step);
        }
        double params = relativeError(nets[1].params(), nets[0].params());
        System.out.printf("NativeLstm vs DL4J LSTM: parameters after 3 weighted Adam steps %.2e relative%n", params);
        assertTrue(params <= TOLERANCE, "parameters after three steps differ by " + params);
        for (boolean outputOnly : new boolean[] {true, false}) {
            double[] n0 = m0.perSampleGradientNorms(ds, outputOnly);
            double[] n1 = m1.perSampleGradientNorms(ds, outputOnly);
            for (int i = 0; i < n0.length; i++) {
                assertEquals(n0[i], n1[i], TOLERANCE * n0[i], "per-sample norm " + i + " (output only " + outputOnly + ")");
            }
        }
    }

    /**
     * §4.4 clips each parameter array's gradient to L2 norm 1: the LSTM layer's as well as the classifier's, in both
     * implementations. Weights of 1000 make every gradient array's norm exceed 1, so an unclipped layer would take a
     * different second Adam step.
     */
    @Test
    void theLstmLayersGradientIsClippedAsDl4jLstmsIs() {
        MultiLayerNetwork[] nets = pair(7);
        for (MultiLayerNetwork net : nets) {
            org.deeplearning4j.nn.conf.layers.Layer layer = net.getLayerWiseConfigurations().getConf(0).getLayer();
            if (layer instanceof org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer w) {
                layer = w.getUnderlying();
            }
            org.deeplearning4j.nn.conf.layers.BaseLayer conf = (org.deeplearning4j.nn.conf.layers.BaseLayer) layer;
            assertEquals(org.deeplearning4j.nn.conf.GradientNormalization.ClipL2PerParamType,
                    conf.getGradientNormalization(), conf.getClass().getSimpleName());
            assertEquals(1.0, conf.getGradientNormalizationThreshold(), conf.getClass().getSimpleName());
        }
        DlModel m0 = DlModel.of(nets[0]);
        DlModel m1 = DlModel.of(nets[1]);
        DataSet ds = batch(23);
        double[] heavy = new double[BATCH];
        java.util.Arrays.fill(heavy, 1000.0);
        for (double[] w : new double[][] {heavy, null}) {
            m0.weightedStep(ds, w);
            m1.weightedStep(ds, w);
        }
        double params = relativeError(nets[1].params(), nets[0].params());
        assertTrue(params <= TOLERANCE, "parameters after two clipped steps differ by " + params);
    }

    /**
     * What a checkpoint keeps (parameters, optimizer state, update counter) continues a NativeLstm network
     * exactly: a fresh network given them takes the same next steps, to the bit.
     */
    @Test
    void aRestoredNativeLstmContinuesExactly() {
        DataSet ds = batch(19);
        double[] weights = {1.0, 0.5, 2.0, 1.0, 1.0, 0.25};
        DlModel straight = DlModel.of(Architectures.lstm(FEATURES, HIDDEN, 10, 9, new Adam(1e-2), LstmImplementation.NATIVE));
        for (int step = 0; step < 2; step++) {
            straight.weightedStep(ds, weights);
        }
        DlModel restored = DlModel.of(Architectures.lstm(FEATURES, HIDDEN, 10, 9, new Adam(1e-2), LstmImplementation.NATIVE));
        restored.setParams(straight.params());
        restored.setOptimizerState(straight.optimizerState());
        restored.setIterationCount(straight.iterationCount());
        for (int step = 0; step < 2; step++) {
            assertEquals(straight.weightedStep(ds, weights), restored.weightedStep(ds, weights), 0.0, "loss " + step);
        }
        assertEquals(straight.params(), restored.params());
    }

    /**
     * Backends whose arrays are not in host memory (CUDA) take the backward pass from libnd4j's lstmLayer_bp op
     * ({@link HostArrays}); on the CPU it must give what {@link LstmSequenceGradient} gives.
     */
    @Test
    void theOpBackwardForDeviceBackendsEqualsTheSequenceGradient() {
        Nd4j.getRandom().setSeed(23);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, FEATURES, STEPS).subi(0.5).muli(2);
        INDArray epsilon = Nd4j.rand(DataType.FLOAT, BATCH, HIDDEN, STEPS).subi(0.5);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(9)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list()
                .layer(new NativeLstm(FEATURES, HIDDEN))
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).nIn(HIDDEN).nOut(4)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.initGradientsView();
        NativeLstmLayer layer = (NativeLstmLayer) net.getLayer(0);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(x, none);
        Pair<Gradient, INDArray> sequence = layer.backpropGradient(epsilon, none);
        Map<String, INDArray> bySequence = new HashMap<>();
        sequence.getFirst().gradientForVariable().forEach((k, v) -> bySequence.put(k, v.dup()));
        INDArray dxSequence = sequence.getSecond().dup();
        Pair<Gradient, INDArray> op = layer.backpropWithOp(epsilon, none);
        assertTrue(relativeError(op.getSecond(), dxSequence) < 1e-5, "input gradient");
        for (String key : bySequence.keySet()) {
            double err = relativeError(op.getFirst().getGradientFor(key), bySequence.get(key));
            assertTrue(err < 1e-5, key + ": " + err);
        }
        assertEquals(3, bySequence.size());
    }

    @Test
    void anUnknownImplementationFailsWithTheAcceptedOnes() {
        SystemProperties.with(LstmImplementation.PROPERTY, "cudnn", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, LstmImplementation::selected);
            assertTrue(e.getMessage().contains("'native'") && e.getMessage().contains("'dl4j'"), e.getMessage());
        });
    }
}
