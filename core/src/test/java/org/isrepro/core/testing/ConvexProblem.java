package org.isrepro.core.testing;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * A strongly convex problem for the variance-reduced methods: L2-regularised softmax regression (one softmax
 * output layer on the inputs, weights and biases penalised, so the optimum is unique) on synthetic Gaussian
 * blobs whose classes overlap, so that per-sample gradients at the optimum do not vanish and plain SGD
 * with a constant step keeps a noise floor. Everything is generated from a seed; no data files.
 */
public final class ConvexProblem {
    /** Samples, features, classes, centre spread, λ and the seeds of the standard instance. */
    public static final int N = 200;
    public static final int FEATURES = 10;
    public static final int CLASSES = 3;
    public static final double SPREAD = 1.0;
    public static final double L2 = 0.2;
    private static final long DATA_SEED = 3;
    private static final long NET_SEED = 5;

    /** The standard instance: data, initial parameters θ₀ and the optimum θ*. */
    public record Instance(SampleSource data, INDArray initial, INDArray optimum) {
        /** A fresh model at θ₀ with gradient layout ready for {@link Model#applyGradient}. */
        public Model freshModel() {
            Model m = org.isrepro.core.model.DlModel.of(softmaxRegression(NET_SEED, FEATURES, CLASSES, L2));
            m.setParams(initial);
            m.gradient(data.get(new int[] {0}), null);
            return m;
        }

        /** ‖θ − θ*‖ / ‖θ*‖. */
        public double relativeDistance(Model model) {
            return model.params().distance2(optimum) / optimum.norm2Number().doubleValue();
        }
    }

    private static Instance standard;

    private ConvexProblem() {
    }

    /** Computed once per JVM (full-batch gradient descent to a step below 1e-12), shared by test classes. */
    public static synchronized Instance standard() {
        if (standard == null) {
            SampleSource data = new ArraySource(blobs(DATA_SEED, N, FEATURES, CLASSES, SPREAD));
            Model m = org.isrepro.core.model.DlModel.of(softmaxRegression(NET_SEED, FEATURES, CLASSES, L2));
            INDArray initial = m.params();
            INDArray optimum = optimum(m, data, 0.8, 1e-12, 5_000);
            standard = new Instance(data, initial, optimum);
        }
        return standard;
    }

    /** n samples in {@code classes} blobs with centres ~ N(0, spread²) per feature and unit noise. */
    public static DataSet blobs(long seed, int n, int features, int classes, double spread) {
        Random r = new Random(seed);
        double[][] centres = new double[classes][features];
        for (double[] c : centres) {
            for (int d = 0; d < features; d++) {
                c[d] = spread * r.nextGaussian();
            }
        }
        double[][] x = new double[n][features];
        double[][] y = new double[n][classes];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(classes);
            y[i][c] = 1;
            for (int d = 0; d < features; d++) {
                x[i][d] = centres[c][d] + r.nextGaussian();
            }
        }
        return new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    }

    /** Softmax regression with gradient λθ on weights and biases (DL4J's l2 and l2Bias), plain SGD. */
    public static MultiLayerNetwork softmaxRegression(long seed, int nIn, int nOut, double l2) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.DOUBLE).updater(new Sgd(0.1)).l2(l2).l2Bias(l2)
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(nIn).nOut(nOut).activation(Activation.SOFTMAX)
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * The minimiser of (1/N) Σ L_i + (λ/2)‖θ‖², by full-batch gradient descent through the network's own
     * updater until the step is below {@code tolerance} (or {@code maxIterations}); leaves the model there.
     */
    public static INDArray optimum(Model model, SampleSource data, double lr, double tolerance, int maxIterations) {
        int[] all = new int[data.size()];
        java.util.Arrays.setAll(all, i -> i);
        DataSet everything = data.get(all);
        model.setLearningRate(lr);
        for (int t = 0; t < maxIterations; t++) {
            INDArray before = model.params();
            model.applyGradient(model.gradient(everything, null));
            if (model.params().distance2(before) < tolerance) {
                return model.params();
            }
        }
        throw new AssertionError("full-batch gradient descent did not converge in " + maxIterations + " iterations");
    }
}
