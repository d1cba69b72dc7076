package org.isrepro.reproduction.models;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastDivOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link LayerNorm}'s forward and analytic backward. Per sample, over all of its C·H·W values: x̂ = (x − μ)/σ with
 * σ = sqrt(σ² + ε), y = γ_c·x̂ + β_c; backward dβ_c = Σ_{n,h,w} dy, dγ_c = Σ_{n,h,w} dy·x̂,
 * dx = (g − mean(g) − x̂·mean(g·x̂))/σ with g = γ_c·dy, means per sample. Float32 networks run it in plain loops
 * ({@link LayerNormKernel}) unless {@link LayerNormImplementation} selects ND4J operations; other data types (the
 * gradient check's double precision) and backends whose arrays are not in host memory ({@link HostArrays}: CUDA)
 * always run the operations, the reference the loops are tested against
 * ({@code LayerNormTest}).
 *
 * <p>A training forward pass keeps x̂ and σ for the backward pass, x̂ in the activations workspace, which DL4J keeps
 * open from a training forward pass to the end of its backward pass (its output lives there too). The backward pass
 * uses them only for the very input object they were computed from; any other forward pass drops them, and without
 * them the backward pass recomputes both with the same arithmetic, so the two paths give bitwise the same
 * gradients ({@code LayerNormTest}).
 */
public class LayerNormLayer extends BaseLayer<LayerNorm> {
    private final boolean loops;

    public LayerNormLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        loops = dataType == DataType.FLOAT && LayerNormImplementation.selected() == LayerNormImplementation.LOOPS
                && HostArrays.available();
    }

    /**
     * x̂ and σ of a training forward pass over {@code input} (the very object): σ as an [N, 1] array on the operations,
     * as floats on the loops.
     */
    private record Kept(INDArray input, INDArray xHat, INDArray sigma, float[] sigmas) {
    }

    /** What the last training forward pass kept, or null. */
    private Kept kept;

    /** What was kept for the current input, or null. */
    private Kept keptForInput() {
        return kept != null && kept.input() == input ? kept : null;
    }

    /**
     * x̂ [N, C·H·W] and σ [N, 1] of the current input; with a workspace manager, written into arrays of its
     * activations workspace (x̂ by the division's own output, so no copy) and kept for the backward pass.
     */
    private INDArray[] normalised(LayerWorkspaceMgr keepIn) {
        long n = input.size(0);
        INDArray x = input.castTo(dataType).reshape('c', n, input.length() / n);
        INDArray mean = x.mean(true, 1);
        INDArray centred = x.subColumnVector(mean);
        INDArray variance = centred.mul(centred).mean(true, 1);
        INDArray sigma = Transforms.sqrt(variance.addi(layerConf().getEps()), false);
        if (keepIn == null) {
            return new INDArray[] {centred.diviColumnVector(sigma), sigma};
        }
        INDArray xHat = keepIn.createUninitialized(ArrayType.ACTIVATIONS, dataType, centred.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastDivOp(centred, sigma, xHat, 0));
        kept = new Kept(input, xHat, keepIn.dup(ArrayType.ACTIVATIONS, sigma), null);
        return new INDArray[] {xHat, kept.sigma()};
    }

    /** Whether this layer runs {@link LayerNormKernel}: float32 parameters and input, and loops selected. */
    private boolean inLoops() {
        return loops && input.dataType() == DataType.FLOAT;
    }

    /** a itself when it is c-ordered from the start of its own buffer, which the loops index from 0; else a copy. */
    private static INDArray ownC(INDArray a) {
        boolean own = a.ordering() == 'c' && a.offset() == 0 && Shape.hasDefaultStridesForShape(a)
                && a.data().length() >= a.length();
        return own ? a : a.dup('c');
    }

    /** A buffer over an array just created by a workspace manager (c-ordered, its own buffer). */
    private static FloatBuffer created(INDArray a) {
        if (ownC(a) != a) {
            throw new IllegalStateException("expected a new c-ordered array, got offset " + a.offset()
                    + " and ordering " + a.ordering());
        }
        return a.data().asNioFloat();
    }

    private int[] ncs() {
        long n = input.size(0);
        long c = input.size(1);
        long s = spatial();
        if (n * c * s > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer normalisation over " + n * c * s
                    + " values in one batch: more than an int indexes; score in smaller chunks");
        }
        return new int[] {(int) n, (int) c, (int) s};
    }

    /** {@link LayerNormKernel#forward} over the current input: y and x̂ into the arrays given (either may be null). */
    private float[] forwardInLoops(int[] ncs, INDArray y, INDArray xHat) {
        float[] sigmas = new float[ncs[0]];
        LayerNormKernel.forward(ownC(input).data().asNioFloat(), ncs[0], ncs[1], ncs[2],
                getParam(LayerNormParams.GAMMA).toFloatVector(), getParam(LayerNormParams.BETA).toFloatVector(),
                layerConf().getEps(), y == null ? null : created(y), xHat == null ? null : created(xHat), sigmas);
        return sigmas;
    }

    private INDArray activateInLoops(boolean training, LayerWorkspaceMgr workspaceMgr) {
        int[] ncs = ncs();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        INDArray xHat = training
                ? workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c') : null;
        float[] sigmas = forwardInLoops(ncs, out, xHat);
        if (training) {
            kept = new Kept(input, xHat, null, sigmas);
        }
        return out;
    }

    private Pair<Gradient, INDArray> backpropInLoops(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        int[] ncs = ncs();
        Kept k = keptForInput();
        INDArray xHat;
        float[] sigmas;
        if (k != null && k.sigmas() != null) {
            xHat = k.xHat();
            sigmas = k.sigmas();
        } else {
            xHat = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, input.shape(), 'c');
            sigmas = forwardInLoops(ncs, null, xHat);
        }
        INDArray dy = ownC(epsilon.castTo(dataType));
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        double[] dGammaSums = new double[ncs[1]];
        double[] dBetaSums = new double[ncs[1]];
        LayerNormKernel.backward(xHat.data().asNioFloat(), sigmas, dy.data().asNioFloat(), ncs[0], ncs[1], ncs[2],
                getParam(LayerNormParams.GAMMA).toFloatVector(), created(epsOut), dGammaSums, dBetaSums);
        INDArray dGamma = gradientViews.get(LayerNormParams.GAMMA);
        dGamma.assign(Nd4j.createFromArray(toFloats(dGammaSums)).reshape(dGamma.shape()));
        INDArray dBeta = gradientViews.get(LayerNormParams.BETA);
        dBeta.assign(Nd4j.createFromArray(toFloats(dBetaSums)).reshape(dBeta.shape()));
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.setGradientFor(LayerNormParams.GAMMA, dGamma);
        gradient.setGradientFor(LayerNormParams.BETA, dBeta);
        return new Pair<>(gradient, epsOut);
    }

    private static float[] toFloats(double[] sums) {
        float[] out = new float[sums.length];
        for (int i = 0; i < sums.length; i++) {
            out[i] = (float) sums[i];
        }
        return out;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        kept = null;
        super.setInput(input, workspaceMgr);
    }

    @Override
    public void clear() {
        kept = null;
        super.clear();
    }

    /** H·W, or 1 for feed-forward input. */
    private long spatial() {
        return input.length() / (input.size(0) * input.size(1));
    }

    /** γ or β as a [C] vector. */
    private INDArray perChannel(String key) {
        return getParam(key).reshape(input.size(1));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        kept = null;
        if (inLoops()) {
            return activateInLoops(training, workspaceMgr);
        }
        INDArray xHat = normalised(training ? workspaceMgr : null)[0];
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        INDArray byChannel = out.reshape('c', input.size(0), input.size(1), spatial());
        Nd4j.getExecutioner().exec(new BroadcastMulOp(xHat.reshape('c', byChannel.shape()),
                perChannel(LayerNormParams.GAMMA), byChannel, 1));
        Nd4j.getExecutioner().exec(new BroadcastAddOp(byChannel, perChannel(LayerNormParams.BETA), byChannel, 1));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (inLoops()) {
            return backpropInLoops(epsilon, workspaceMgr);
        }
        Kept k = keptForInput();
        INDArray[] stats = k != null && k.sigma() != null ? new INDArray[] {k.xHat(), k.sigma()} : normalised(null);
        INDArray xHat = stats[0];
        INDArray sigma = stats[1];
        long n = input.size(0);
        INDArray dy = epsilon.castTo(dataType).reshape('c', n, xHat.size(1));
        INDArray dyXHat = dy.mul(xHat);

        long c = input.size(1);
        INDArray dGamma = gradientViews.get(LayerNormParams.GAMMA);
        dGamma.assign(dyXHat.reshape('c', n, c, spatial()).sum(0, 2).reshape(dGamma.shape()));
        INDArray dBeta = gradientViews.get(LayerNormParams.BETA);
        dBeta.assign(dy.reshape('c', n, c, spatial()).sum(0, 2).reshape(dBeta.shape()));

        // g = γ_c·dy, then dx = (g − mean(g) − x̂·mean(g·x̂))/σ, means per sample
        INDArray g = dy.dup('c');
        INDArray gByChannel = g.reshape('c', n, c, spatial());
        Nd4j.getExecutioner().exec(new BroadcastMulOp(gByChannel, perChannel(LayerNormParams.GAMMA), gByChannel, 1));
        INDArray meanG = g.mean(true, 1);
        INDArray meanGXHat = g.mul(xHat).mean(true, 1);
        INDArray numerator = g.subColumnVector(meanG).subi(xHat.mulColumnVector(meanGXHat));
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastDivOp(numerator, sigma, epsOut.reshape('c', numerator.shape()), 0));

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.setGradientFor(LayerNormParams.GAMMA, dGamma);
        gradient.setGradientFor(LayerNormParams.BETA, dBeta);
        return new Pair<>(gradient, epsOut);
    }

    @Override
    public Type type() {
        return Type.NORMALIZATION;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }
}
