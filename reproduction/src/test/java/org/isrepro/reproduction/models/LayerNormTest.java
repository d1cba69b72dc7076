package org.isrepro.reproduction.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.isrepro.core.testing.SystemProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** {@link LayerNorm} in the WRN: its backward, its per-sample independence, its modes and its checkpoints. */
@Tag("fast")
class LayerNormTest {

    private static ComputationGraph wrn(Normalisation norm) {
        return Architectures.wrn(10, 1, 1, 8, 3, 7, new Nesterovs(0.1, 0.9), 1e-3, norm);
    }

    private static INDArray images(int n) {
        Nd4j.getRandom().setSeed(20180102);
        return Nd4j.randn(DataType.FLOAT, n, 1, 8, 8);
    }

    private static INDArray labels(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return y;
    }

    private static double[] flat(INDArray a) {
        return a.reshape(a.length()).toDoubleVector();
    }

    /**
     * Finite differences in double precision against the analytic backward: a convolution below the layer (its
     * gradient passes through the layer's dx), the layer, and a softmax layer above it (so dy is not uniform).
     */
    @Test
    void analyticGradientMatchesFiniteDifferences() {
        ComputationGraph net = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3)
                .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER).l2(1e-3)
                .activation(Activation.IDENTITY).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(3, 3, 2))
                .addLayer("conv", new ConvolutionLayer.Builder(1, 1).nOut(4).build(), "in")
                .addLayer("ln", new LayerNorm(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX)
                        .build(), "ln")
                .setOutputs("out").build());
        net.init();
        // γ away from 1 and β away from 0 so that both enter the gradients
        net.getParam("ln_gamma").assign(1.3);
        net.getParam("ln_beta").assign(Nd4j.createFromArray(new double[][] {{-0.4, 0.1, 0.3, 0.7}}));
        INDArray x = images(3).castTo(DataType.DOUBLE).reshape(3, 2, 4, 8).get(NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.interval(0, 3), NDArrayIndex.interval(0, 3)).dup();
        INDArray y = labels(3).castTo(DataType.DOUBLE);
        DataType before = Nd4j.dataType();
        DataType beforeFloat = Nd4j.defaultFloatingPointType();
        boolean ok;
        try {
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE); // GradientCheckUtil demands it
            ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                    .inputs(new INDArray[] {x}).labels(new INDArray[] {y}).epsilon(1e-6).maxRelError(1e-5)
                    .minAbsoluteError(1e-10).exitOnFirstError(true));
        } finally {
            Nd4j.setDefaultDataTypes(before, beforeFloat);
        }
        assertTrue(ok, "analytic and numerical gradients differ (see the log)");
    }

    /** Largest |a − b| over the largest |b|: float32 rounding through the network is some 1e-6 of it. */
    private static double relativeToLargest(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue()
                / b.amaxNumber().doubleValue();
    }

    /**
     * The float32 network's plain loops ({@link LayerNormKernel}) against the same network in double precision, which
     * runs the layer as ND4J operations (the path the finite differences above check): outputs, loss and every
     * parameter's gradient agree to float32 rounding, with workspaces as a training step uses them.
     */
    @Test
    void float32LoopsEqualTheDoublePrecisionOperationsToFloatRounding() {
        ComputationGraph net = wrn(Normalisation.LAYER);
        net.fit(new MultiDataSet(images(6), labels(6))); // γ and β away from their initial values
        ComputationGraph reference = net.convertDataType(DataType.DOUBLE);
        INDArray x = images(6);
        INDArray y = labels(6);
        for (boolean train : new boolean[] {false, true}) {
            double diff = relativeToLargest(net.outputSingle(train, x), reference.outputSingle(train,
                    x.castTo(DataType.DOUBLE)));
            assertTrue(diff < 1e-5, (train ? "training" : "inference") + " output differs by " + diff);
        }
        net.setInputs(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        reference.setInputs(x.castTo(DataType.DOUBLE));
        reference.setLabels(y.castTo(DataType.DOUBLE));
        reference.computeGradientAndScore();
        assertEquals(reference.score(), net.score(), 1e-5 * reference.score());
        for (String name : reference.gradient().gradientForVariable().keySet()) {
            double diff = relativeToLargest(net.gradient().getGradientFor(name),
                    reference.gradient().getGradientFor(name));
            assertTrue(diff < 1e-4, name + "'s gradient differs by " + diff + " of its largest value");
        }
        assertTrue(net.getLayer("g0b0_ln1") instanceof LayerNormLayer);
    }

    private static float[][] backward(LayerNormLayer layer, INDArray epsilon) {
        Pair<Gradient, INDArray> p = layer.backpropGradient(epsilon, LayerWorkspaceMgr.noWorkspaces());
        return new float[][] {p.getSecond().dup().data().asFloat(),
                p.getFirst().getGradientFor(LayerNormParams.GAMMA).dup().data().asFloat(),
                p.getFirst().getGradientFor(LayerNormParams.BETA).dup().data().asFloat()};
    }

    /**
     * The backward pass from the statistics a training forward pass kept equals, bit for bit, the backward pass that
     * recomputes them; and statistics kept for one input are never used for another.
     */
    @Test
    void backwardFromKeptStatisticsEqualsTheRecomputedOneBitForBitAndNeverUsesAnotherInputs() {
        for (LayerNormImplementation implementation : LayerNormImplementation.values()) {
            withImplementation(implementation, () -> keptAgainstRecomputed(implementation));
        }
    }

    private static void withImplementation(LayerNormImplementation implementation, Runnable body) {
        SystemProperties.with(LayerNormImplementation.PROPERTY, implementation.name().toLowerCase(Locale.ROOT), body);
    }

    private static void keptAgainstRecomputed(LayerNormImplementation implementation) {
        ComputationGraph net = wrn(Normalisation.LAYER);
        net.fit(new MultiDataSet(images(5), labels(5))); // γ and β away from their initial values
        LayerNormLayer layer = (LayerNormLayer) net.getLayer("g0b0_ln1");
        long channels = layer.getParam(LayerNormParams.GAMMA).length();
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, channels, 8, 8).muli(3).addi(1);
        INDArray other = Nd4j.randn(DataType.FLOAT, 5, channels, 8, 8);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 5, channels, 8, 8);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();

        layer.setInput(x, none);
        float[][] recomputed = backward(layer, epsilon); // no forward pass: nothing kept

        layer.setInput(x, none);
        layer.activate(true, none);
        float[][] kept = backward(layer, epsilon);

        layer.setInput(other, none);
        layer.activate(true, none);
        layer.setInput(x, none);
        float[][] afterAnotherInput = backward(layer, epsilon);

        layer.setInput(x, none);
        layer.activate(true, none);
        layer.setInput(other, none);
        layer.activate(false, none);
        layer.setInput(x, none);
        float[][] afterInference = backward(layer, epsilon);

        String[] what = {"dx", "dγ", "dβ"};
        for (int i = 0; i < 3; i++) {
            String on = implementation + ", " + what[i];
            assertArrayEquals(recomputed[i], kept[i], on + ": kept against recomputed");
            assertArrayEquals(recomputed[i], afterAnotherInput[i], on + ": after a forward pass of another input");
            assertArrayEquals(recomputed[i], afterInference[i], on + ": after an inference pass of another input");
        }
        float[][] ofOther = backwardOf(layer, other, epsilon);
        assertFalse(Arrays.equals(recomputed[0], ofOther[0]), "the inputs must give different dx");
    }

    private static float[][] backwardOf(LayerNormLayer layer, INDArray x, INDArray epsilon) {
        layer.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        return backward(layer, epsilon);
    }

    /** Both float32 paths compute the same function; they round differently, which is why the choice is recorded. */
    @Test
    void theLoopsAndTheOperationsGiveTheSameGradientsToFloatRounding() {
        INDArray x = images(6);
        INDArray y = labels(6);
        Map<LayerNormImplementation, INDArray> gradients = new EnumMap<>(LayerNormImplementation.class);
        for (LayerNormImplementation implementation : LayerNormImplementation.values()) {
            withImplementation(implementation, () -> {
                ComputationGraph net = wrn(Normalisation.LAYER);
                net.setInputs(x);
                net.setLabels(y);
                net.computeGradientAndScore();
                gradients.put(implementation, net.gradient().gradient().dup());
            });
        }
        double diff = relativeToLargest(gradients.get(LayerNormImplementation.LOOPS),
                gradients.get(LayerNormImplementation.OPERATIONS));
        assertTrue(diff < 1e-5, "gradients differ by " + diff + " of the largest");
    }

    @Test
    void anUnknownImplementationFailsWithTheAcceptedOnes() {
        SystemProperties.with(LayerNormImplementation.PROPERTY, "onednn", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    LayerNormImplementation::selected);
            assertTrue(e.getMessage().contains("'loops'") && e.getMessage().contains("'operations'"), e.getMessage());
        });
    }

    /** Eq. 20 scores a sample alone: its output must not depend on which samples share its batch. */
    @Test
    void eachSampleOutputIsIndependentOfTheRestOfTheBatchInBothModes() {
        ComputationGraph net = wrn(Normalisation.LAYER);
        INDArray x = images(4);
        for (boolean train : new boolean[] {false, true}) {
            INDArray together = net.outputSingle(train, x);
            for (int i = 0; i < 4; i++) {
                INDArray alone = net.outputSingle(train, x.get(NDArrayIndex.interval(i, i + 1)));
                assertArrayEquals(flat(together.getRow(i)), flat(alone), 1e-6,
                        "sample " + i + (train ? ", training mode" : ", inference mode"));
            }
        }
        // the property is not vacuous: batch normalisation's training mode mixes the batch
        ComputationGraph bn = wrn(Normalisation.BATCH);
        double diff = bn.outputSingle(true, x).getRow(0).distance1(bn.outputSingle(true, x.get(
                NDArrayIndex.interval(0, 2))).getRow(0));
        assertTrue(diff > 1e-4, "batch normalisation's training output should depend on the batch: " + diff);
    }

    /** No running statistics: scoring (inference) and stepping (training) see the same function, also after steps. */
    @Test
    void trainingAndInferenceModeOutputsAreEqual() {
        ComputationGraph net = wrn(Normalisation.LAYER);
        INDArray x = images(6);
        for (int step = 0; step < 3; step++) {
            assertArrayEquals(flat(net.outputSingle(true, x)), flat(net.outputSingle(false, x)),
                    1e-6, "after " + step + " steps");
            net.fit(new MultiDataSet(x, labels(6)));
        }
    }

    /** A checkpoint resumes: same outputs, and the next step from the restored network is the same step. */
    @Test
    void checkpointRoundTripGivesIdenticalOutputsAndSteps(@TempDir Path dir) throws IOException {
        ComputationGraph net = wrn(Normalisation.LAYER);
        INDArray x = images(5);
        MultiDataSet batch = new MultiDataSet(x, labels(5));
        net.fit(batch);
        File file = dir.resolve("wrn.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        assertTrue(restored.getLayer("g0b0_ln1") instanceof LayerNormLayer);
        assertEquals(net.getConfiguration().toJson(), restored.getConfiguration().toJson());
        assertArrayEquals(flat(net.outputSingle(false, x)), flat(restored.outputSingle(false, x)),
                0.0);
        net.fit(batch);
        restored.fit(batch);
        assertArrayEquals(flat(net.params()), flat(restored.params()), 0.0);
    }
}
