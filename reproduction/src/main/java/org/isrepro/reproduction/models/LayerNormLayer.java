package org.isrepro.reproduction.models;

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
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link LayerNorm}'s forward and analytic backward on ND4J operations. Per sample, over all of its C·H·W
 * values: x̂ = (x − μ)/σ with σ = sqrt(σ² + ε), y = γ_c·x̂ + β_c; backward dβ_c = Σ_{n,h,w} dy,
 * dγ_c = Σ_{n,h,w} dy·x̂, dx = (g − mean(g) − x̂·mean(g·x̂))/σ with g = γ_c·dy, means per sample. The statistics are recomputed in
 * the backward pass from the layer's input rather than cached across DL4J's workspaces.
 */
public class LayerNormLayer extends BaseLayer<LayerNorm> {
    public LayerNormLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** x̂ [N, C·H·W] and σ [N, 1] of the current input. */
    private INDArray[] normalised() {
        long n = input.size(0);
        INDArray x = input.castTo(dataType).reshape('c', n, input.length() / n);
        INDArray mean = x.mean(true, 1);
        INDArray centred = x.subColumnVector(mean);
        INDArray variance = centred.mul(centred).mean(true, 1);
        INDArray sigma = Transforms.sqrt(variance.addi(layerConf().getEps()), false);
        return new INDArray[] {centred.diviColumnVector(sigma), sigma};
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
        INDArray xHat = normalised()[0];
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.shape(), 'c');
        INDArray byChannel = out.reshape('c', input.size(0), input.size(1), spatial());
        byChannel.assign(xHat.reshape('c', byChannel.shape()));
        Nd4j.getExecutioner().exec(new BroadcastMulOp(byChannel, perChannel(LayerNormParams.GAMMA), byChannel, 1));
        Nd4j.getExecutioner().exec(new BroadcastAddOp(byChannel, perChannel(LayerNormParams.BETA), byChannel, 1));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray[] stats = normalised();
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
        INDArray dx = g.subColumnVector(meanG).subi(xHat.mulColumnVector(meanGXHat)).diviColumnVector(sigma);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        epsOut.assign(dx.reshape('c', input.shape()));

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
