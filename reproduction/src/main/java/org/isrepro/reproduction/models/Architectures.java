package org.isrepro.reproduction.models;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.isrepro.core.model.NativeDefaults;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The networks of the paper and of its reduced-scale stand-ins, built in DL4J. Every output layer is
 * softmax + cross-entropy on its own pre-activations, as eq. 20 requires.
 *
 * <p>Weight decay: the paper's "5e-4" is Keras' l2(5e-4) = 5e-4·Σ‖W‖², whose gradient is 1e-3·W
 * (README, "What the harness decides"); DL4J's l2(λ) has gradient λ·W, so callers pass λ = 1e-3 to match.
 */
public final class Architectures {
    static {
        NativeDefaults.apply();
    }

    private Architectures() {
    }

    /**
     * ND4J's native generator does not repeat itself after setSeed(0) (measured: two networks built with
     * seed 0 differ), so run seeds are offset to a non-zero value.
     */
    static long rngSeed(long runSeed) {
        return runSeed + 0x9E3779B9L;
    }

    /**
     * DL4J seeds its generator when a configuration is built, not when parameters are drawn, so anything
     * drawn in between would shift the initial weights; seeding right before init makes the run seed decide.
     */
    private static MultiLayerNetwork init(MultiLayerNetwork net, long seed) {
        Nd4j.getRandom().setSeed(rngSeed(seed));
        net.init();
        return net;
    }

    private static NeuralNetConfiguration.Builder base(long seed, IUpdater updater, double l2) {
        return new NeuralNetConfiguration.Builder().seed(rngSeed(seed)).dataType(DataType.FLOAT).updater(updater)
                .weightInit(WeightInit.RELU).l2(l2);
    }

    /** LeNet-style CNN of §4.1 and RAIS' LeNet-5 study: conv5-20, pool, conv5-50, pool, dense 500, softmax. */
    public static MultiLayerNetwork lenet(int channels, int height, int width, int classes, long seed,
                                          IUpdater updater, double l2) {
        return lenet(channels, height, width, classes, seed, updater, l2, 20, 50, 500);
    }

    /** LeNet with chosen widths (reduced stand-ins). */
    public static MultiLayerNetwork lenet(int channels, int height, int width, int classes, long seed,
                                          IUpdater updater, double l2, int conv1, int conv2, int dense) {
        MultiLayerConfiguration conf = base(seed, updater, l2).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(conv1).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(conv2).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(dense).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER).build())
                .setInputType(InputType.convolutional(height, width, channels))
                .build();
        return init(new MultiLayerNetwork(conf), seed);
    }

    /**
     * A fully connected ReLU network; {@code sampleShape} is [features] or an image's [c, h, w], which is
     * flattened on the way in.
     */
    public static MultiLayerNetwork mlp(long[] sampleShape, int[] hidden, int classes, long seed, IUpdater updater,
                                        double l2) {
        NeuralNetConfiguration.ListBuilder list = base(seed, updater, l2).list();
        for (int h : hidden) {
            list.layer(new DenseLayer.Builder().nOut(h).activation(Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).build());
        list.setInputType(sampleShape.length == 3
                ? InputType.convolutional(sampleShape[1], sampleShape[2], sampleShape[0])
                : InputType.feedForward(sampleShape[0]));
        return init(new MultiLayerNetwork(list.build()), seed);
    }

    /** {@link #wrn(int, int, int, int, int, long, IUpdater, double, Normalisation)} with layer normalisation. */
    public static ComputationGraph wrn(int depth, int widen, int channels, int size, int classes, long seed,
                                       IUpdater updater, double l2) {
        return wrn(depth, widen, channels, size, classes, seed, updater, l2, Normalisation.LAYER);
    }

    /**
     * Wide residual network WRN-depth-widen (Zagoruyko & Komodakis 2016) with pre-activation blocks
     * (norm-ReLU-conv3×3-norm-ReLU-conv3×3, 1×1 projection when the shape changes), three groups of
     * (depth−4)/6 blocks of widths 16k, 32k, 64k, a final norm-ReLU, global average pooling and a softmax layer.
     * §4.2 uses WRN-28-2.
     *
     * <p>{@link Normalisation#LAYER} is the paper's reference code's WRN: per-sample layer normalisation
     * ({@link LayerNorm}) wherever Zagoruyko & Komodakis put batch normalisation, so each sample's output, and
     * hence its eq. 20 score (§3.2), depends on that sample alone and is the same in the scoring pass and in the
     * step. {@link Normalisation#BATCH} scores under running statistics and steps under batch statistics, the gap
     * that upper-bound at cpu scale amplifies (docs/machines.md). Layers are named {@code <block>_ln1},
     * {@code <block>_ln2}, {@code ln_final}, or {@code _bn1}, {@code _bn2}, {@code bn_final} for BATCH.
     */
    public static ComputationGraph wrn(int depth, int widen, int channels, int size, int classes, long seed,
                                       IUpdater updater, double l2, Normalisation norm) {
        if ((depth - 4) % 6 != 0 || depth < 10) {
            throw new IllegalArgumentException("WRN depth must be 6n+4 with n >= 1, got " + depth);
        }
        int blocks = (depth - 4) / 6;
        // DL4J's layers default to a sigmoid: convolutions and normalisation must be linear here.
        ComputationGraphConfiguration.GraphBuilder g = base(seed, updater, l2).activation(Activation.IDENTITY)
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.convolutional(size, size, channels))
                .addLayer("stem", new ConvolutionLayer.Builder(3, 3).nOut(16).hasBias(false).build(), "in");
        String last = "stem";
        int inWidth = 16;
        int[] widths = {16 * widen, 32 * widen, 64 * widen};
        for (int group = 0; group < 3; group++) {
            for (int block = 0; block < blocks; block++) {
                int stride = group > 0 && block == 0 ? 2 : 1;
                String p = "g" + group + "b" + block;
                String n1 = p + "_" + norm.prefix() + "1";
                String n2 = p + "_" + norm.prefix() + "2";
                int width = widths[group];
                g.addLayer(n1, norm.layer(), last)
                        .addLayer(p + "_relu1", new ActivationLayer.Builder().activation(Activation.RELU).build(),
                                n1)
                        .addLayer(p + "_conv1", new ConvolutionLayer.Builder(3, 3).stride(stride, stride).nOut(width)
                                .hasBias(false).build(), p + "_relu1")
                        .addLayer(n2, norm.layer(), p + "_conv1")
                        .addLayer(p + "_relu2", new ActivationLayer.Builder().activation(Activation.RELU).build(),
                                n2)
                        .addLayer(p + "_conv2", new ConvolutionLayer.Builder(3, 3).nOut(width).hasBias(false).build(),
                                p + "_relu2");
                String shortcut = last;
                if (stride != 1 || inWidth != width) {
                    g.addLayer(p + "_proj", new ConvolutionLayer.Builder(1, 1).stride(stride, stride).nOut(width)
                            .hasBias(false).build(), p + "_relu1");
                    shortcut = p + "_proj";
                }
                g.addVertex(p + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), p + "_conv2", shortcut);
                last = p + "_add";
                inWidth = width;
            }
        }
        String nFinal = norm.prefix() + "_final";
        g.addLayer(nFinal, norm.layer(), last)
                .addLayer("relu_final", new ActivationLayer.Builder().activation(Activation.RELU).build(), nFinal)
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "relu_final")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), "pool")
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        Nd4j.getRandom().setSeed(rngSeed(seed));
        net.init();
        return net;
    }

    /**
     * §4.4: an LSTM (tanh, sigmoid gates) over the pixel sequence, its last hidden state fed to a linear
     * classifier with softmax; gradients clipped to norm 1 per parameter array (Keras' clipnorm). Runs on the
     * implementation {@link LstmImplementation#selected()} names; both draw the same initial parameters.
     */
    public static MultiLayerNetwork lstm(int features, int hidden, int classes, long seed, IUpdater updater) {
        return lstm(features, hidden, classes, seed, updater, LstmImplementation.selected());
    }

    public static MultiLayerNetwork lstm(int features, int hidden, int classes, long seed, IUpdater updater,
                                         LstmImplementation implementation) {
        LSTM layer = implementation == LstmImplementation.NATIVE ? new NativeLstm(features, hidden)
                : new LSTM.Builder().nIn(features).nOut(hidden).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).build();
        return init(new MultiLayerNetwork(lstmBase(seed, updater)
                .layer(new LastTimeStep(layer))
                .layer(lstmClassifier(hidden, classes))
                .build()), seed);
    }

    private static NeuralNetConfiguration.ListBuilder lstmBase(long seed, IUpdater updater) {
        return new NeuralNetConfiguration.Builder().seed(rngSeed(seed)).dataType(DataType.FLOAT)
                .updater(updater).weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerParamType)
                .gradientNormalizationThreshold(1.0)
                .list();
    }

    private static OutputLayer lstmClassifier(int hidden, int classes) {
        return new OutputLayer.Builder(LossFunction.MCXENT).nIn(hidden).nOut(classes)
                .activation(Activation.SOFTMAX).build();
    }
}
