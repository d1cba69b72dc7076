package org.isrepro.reproduction.models;

import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer {@link NativeLstm} configures: DL4J's LSTM whose forward pass is one {@code lstmLayer} call over the
 * whole sequence, on DL4J's own parameter arrays (gate blocks reordered on the way in), and whose backward pass is
 * {@link LstmSequenceGradient} (BLAS products over the whole sequence and a short recurrence per step, in DL4J's
 * gate order), which replaced libnd4j's {@code lstmLayer_bp} (docs/benchmarks.md, "The LSTM's backward pass").
 * Only what §4.4 uses is supported: whole sequences without masks in DL4J's [batch, features, time] layout.
 */
public class NativeLstmLayer extends LSTM {
    /** The op's integer arguments: data format NST = [batch, size, time], forward, sigmoid gates, tanh cell and output. */
    private static final int[] OP_INTS = {2, 0, 2, 0, 0};
    /**
     * The op's flags: biases given; no sequence lengths, initial h or c, peepholes; the whole output sequence (and
     * for the backward op, its gradient) rather than the last step's h or c alone.
     */
    private static final boolean[] OP_FLAGS = {true, false, false, false, false, true, false, false};

    public NativeLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activate(training, workspaceMgr);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = checkedInput();
        INDArray h = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(),
                new long[] {x.size(0), layerConf().getNOut(), x.size(2)}, 'c');
        Nd4j.exec(DynamicCustomOp.builder("lstmLayer")
                .addInputs(x, nativeParam(LSTMParamInitializer.INPUT_WEIGHT_KEY, workspaceMgr, ArrayType.FF_WORKING_MEM),
                        nativeParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY, workspaceMgr, ArrayType.FF_WORKING_MEM),
                        nativeParam(LSTMParamInitializer.BIAS_KEY, workspaceMgr, ArrayType.FF_WORKING_MEM))
                .addOutputs(h)
                .addIntegerArguments(OP_INTS)
                .addBooleanArguments(OP_FLAGS)
                .addFloatingPointArguments(0.0)
                .build());
        return h;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!HostArrays.available()) {
            return backpropWithOp(epsilon, workspaceMgr);
        }
        INDArray x = checkedInput();
        LstmSequenceGradient.Result g = LstmSequenceGradient.of(timeMajor(x, workspaceMgr),
                getParam(LSTMParamInitializer.INPUT_WEIGHT_KEY), getParam(LSTMParamInitializer.RECURRENT_WEIGHT_KEY),
                getParam(LSTMParamInitializer.BIAS_KEY),
                timeMajor(epsilon.dataType() == x.dataType() ? epsilon : epsilon.castTo(x.dataType()), workspaceMgr),
                workspaceMgr);
        Gradient gradient = new DefaultGradient();
        setGradient(gradient, LSTMParamInitializer.INPUT_WEIGHT_KEY, g.inputWeights());
        setGradient(gradient, LSTMParamInitializer.RECURRENT_WEIGHT_KEY, g.recurrentWeights());
        setGradient(gradient, LSTMParamInitializer.BIAS_KEY, g.bias());
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        dx.assign(g.input().permute(1, 2, 0));
        return new Pair<>(gradient, dx);
    }

    /**
     * The same gradient from libnd4j's {@code lstmLayer_bp} op over the whole sequence, for backends whose arrays are
     * not in host memory ({@link HostArrays}); slower on the CPU (docs/benchmarks.md, "The LSTM's backward pass").
     */
    Pair<Gradient, INDArray> backpropWithOp(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = checkedInput();
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        String[] keys = {LSTMParamInitializer.INPUT_WEIGHT_KEY, LSTMParamInitializer.RECURRENT_WEIGHT_KEY,
                LSTMParamInitializer.BIAS_KEY};
        INDArray[] grads = new INDArray[keys.length];
        for (int i = 0; i < keys.length; i++) {
            grads[i] = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, x.dataType(),
                    getParam(keys[i]).shape(), 'c');
        }
        Nd4j.exec(DynamicCustomOp.builder("lstmLayer_bp")
                .addInputs(x, nativeParam(keys[0], workspaceMgr, ArrayType.BP_WORKING_MEM),
                        nativeParam(keys[1], workspaceMgr, ArrayType.BP_WORKING_MEM),
                        nativeParam(keys[2], workspaceMgr, ArrayType.BP_WORKING_MEM),
                        epsilon.dataType() == x.dataType() ? epsilon : epsilon.castTo(x.dataType()))
                .addOutputs(dx, grads[0], grads[1], grads[2])
                .addIntegerArguments(OP_INTS)
                .addBooleanArguments(OP_FLAGS)
                .addFloatingPointArguments(0.0)
                .build());
        Gradient gradient = new DefaultGradient();
        for (int i = 0; i < keys.length; i++) {
            INDArray view = gradientViews.get(keys[i]);
            NativeLstm.moveBlocks(grads[i], view, false);
            gradient.setGradientFor(keys[i], view);
        }
        return new Pair<>(gradient, dx);
    }

    private void setGradient(Gradient gradient, String key, INDArray value) {
        INDArray view = gradientViews.get(key);
        view.assign(value.reshape(view.shape()));
        gradient.setGradientFor(key, view);
    }

    /** DL4J's [batch, size, time] sequence as a c-ordered [time, batch, size] copy in backprop's working memory. */
    private static INDArray timeMajor(INDArray ncw, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, ncw.dataType(),
                new long[] {ncw.size(2), ncw.size(0), ncw.size(1)}, 'c');
        return out.assign(ncw.permute(2, 0, 1));
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        if (maskArray != null) {
            throw new IllegalArgumentException(maskMessage());
        }
        return new Pair<>(null, currentMaskState);
    }

    private INDArray checkedInput() {
        assertInputSet(false);
        if (maskArray != null) {
            throw new IllegalArgumentException(maskMessage());
        }
        if (layerConf().getIDropout() != null || layerConf().getWeightNoise() != null) {
            throw new IllegalArgumentException("NativeLstm has no dropout or weight noise (§4.4 uses neither); run "
                    + "with -D" + LstmImplementation.PROPERTY + "=dl4j for them");
        }
        if (input.rank() != 3 || layerConf().getRnnDataFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("NativeLstm takes [batch, features, time] sequences (DL4J's NCW), got "
                    + "shape " + Arrays.toString(input.shape()) + " in " + layerConf().getRnnDataFormat());
        }
        return input.dataType() == dataType ? input : input.castTo(dataType);
    }

    private static String maskMessage() {
        return "NativeLstm takes whole sequences without a mask; run with -D" + LstmImplementation.PROPERTY
                + "=dl4j for masked sequences";
    }

    /** A parameter with its gate blocks in the op's order, in the given working memory. */
    private INDArray nativeParam(String key, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        INDArray dl4j = getParam(key);
        INDArray out = workspaceMgr.createUninitialized(type, dl4j.dataType(), dl4j.shape(), 'c');
        NativeLstm.moveBlocks(dl4j, out, true);
        return out;
    }
}
