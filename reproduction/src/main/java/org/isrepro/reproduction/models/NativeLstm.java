package org.isrepro.reproduction.models;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * §4.4's LSTM layer (tanh cell and output, sigmoid gates, no peepholes) with its forward time loop in libnd4j's
 * whole-sequence {@code lstmLayer} op and its backward pass over the whole sequence in BLAS products
 * ({@link NativeLstmLayer}, {@link LstmSequenceGradient}) instead of DL4J's per-step Java loop, whose 13,162 ND4J
 * operations per step were the floor of the LSTM step (docs/benchmarks.md, "Where the floor is").
 *
 * <p>Everything else is DL4J's {@code LSTM}: the configuration, the parameters ({@code W} [features, 4·hidden],
 * {@code RW} [hidden, 4·hidden], {@code b} [4·hidden]) with their initialisation, names and layout, so a network
 * built with the same seed starts from the same parameters, clipping per parameter type (Keras' clipnorm, §4.4)
 * sees the same arrays, and a checkpoint of one implementation loads into the other. DL4J orders the four gate
 * blocks (cell candidate, forget, output, input), the op (input, forget, cell candidate, output);
 * {@link #fromDl4jGateOrder} and {@link #toDl4jGateOrder} map between them.
 */
public class NativeLstm extends LSTM {
    /** Block k in the op's order is block {@code DL4J_BLOCK[k]} in DL4J's. */
    private static final int[] DL4J_BLOCK = {3, 1, 0, 2};

    /** For DL4J's configuration (de)serialisation. */
    public NativeLstm() {
    }

    /** An LSTM of {@code nIn} inputs and {@code nOut} units with DL4J's defaults (forget-gate bias 1). */
    public NativeLstm(long nIn, long nOut) {
        if (nIn < 1 || nOut < 1) {
            throw new IllegalArgumentException("an LSTM needs nIn, nOut >= 1, got " + nIn + ", " + nOut);
        }
        setNIn(nIn);
        setNOut(nOut);
        setActivationFn(new ActivationTanH());
        setGateActivationFn(new ActivationSigmoid());
        setForgetGateBiasInit(1.0);
        setRnnDataFormat(RNNFormat.NCW);
        // Unset, as DL4J's layer builders leave them, so that the network's clipping per parameter type (§4.4's
        // clipnorm 1) reaches this layer; the no-argument constructor would set "None", which the network's
        // default does not override (docs/framework.md, "The §4.4 LSTM").
        setGradientNormalization(null);
        setGradientNormalizationThreshold(Double.NaN);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("NativeLstm", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerWiring.wire(new NativeLstmLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    /**
     * DL4J's LSTM parameter or gradient array ({@code W}, {@code RW} or {@code b}, gate blocks along the last
     * dimension in DL4J's order) rearranged into the op's gate order, as a new array.
     */
    public static INDArray fromDl4jGateOrder(INDArray dl4j) {
        INDArray out = dl4j.ulike();
        moveBlocks(dl4j, out, true);
        return out;
    }

    /** The inverse of {@link #fromDl4jGateOrder}. */
    public static INDArray toDl4jGateOrder(INDArray nativeOrder) {
        INDArray out = nativeOrder.ulike();
        moveBlocks(nativeOrder, out, false);
        return out;
    }

    /** Copies {@code from}'s gate blocks into {@code to}, from DL4J's order to the op's or back. */
    static void moveBlocks(INDArray from, INDArray to, boolean fromDl4j) {
        long n = from.size(from.rank() - 1) / 4;
        for (int k = 0; k < 4; k++) {
            int src = fromDl4j ? DL4J_BLOCK[k] : k;
            int dst = fromDl4j ? k : DL4J_BLOCK[k];
            block(to, dst, n).assign(block(from, src, n));
        }
    }

    private static INDArray block(INDArray a, int k, long n) {
        return a.rank() == 1 ? a.get(NDArrayIndex.interval(k * n, (k + 1) * n))
                : a.get(NDArrayIndex.all(), NDArrayIndex.interval(k * n, (k + 1) * n));
    }
}
