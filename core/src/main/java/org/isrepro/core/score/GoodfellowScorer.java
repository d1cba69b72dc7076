package org.isrepro.core.score;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.isrepro.core.model.Cost;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.Model;
import org.isrepro.core.model.WeightedLoss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * s_i = ‖∇θ L_i‖₂ exactly, like {@link GradientNormScorer}, but for all samples of a chunk from ONE batched
 * forward and backward pass (Goodfellow 2015, arXiv 1510.01799; docs/baselines.md §4). Only for networks
 * made of {@code DenseLayer}s and a final {@code OutputLayer}: sample j's gradient of W_l is the outer
 * product h_j^(l−1) ⊗ z̄_j^(l), so ‖∇θ L_j‖² = Σ_l (‖h_j^(l−1)‖² + [bias]) · ‖z̄_j^(l)‖², where z̄ = ∂(Σ_j L_j)/∂z
 * has row j equal to ∂L_j/∂z_j because samples do not interact. No per-sample gradient is materialised.
 *
 * <p>Computed in inference mode; layers whose forward pass differs between training and inference
 * (dropout, weight noise) or that share weights or mix samples (convolutions, recurrence, normalisation)
 * are refused, as are input preprocessors.
 */
public final class GoodfellowScorer implements Scorer {
    public static final String ID = "goodfellow";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public double[] score(Model model, DataSet batch, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        MultiLayerNetwork net = denseNetwork(model);
        DataType type = net.getLayerWiseConfigurations().getDataType();
        INDArray features = batch.getFeatures().castTo(type);
        INDArray labels = batch.getLabels().castTo(type);
        if (features.rank() != 2) {
            throw new IllegalArgumentException("the Goodfellow trick needs flat [n, features] inputs, got shape "
                    + java.util.Arrays.toString(features.shape()));
        }
        long n = features.size(0);
        if (labels.size(0) != n) {
            throw new IllegalArgumentException("features have " + n + " rows but labels " + labels.size(0));
        }
        double[] norms = new double[(int) n];
        for (long from = 0; from < n; from += chunkSize) {
            long to = Math.min(n, from + chunkSize);
            INDArray sq = squaredNorms(net, rows(features, from, to), rows(labels, from, to));
            for (long i = from; i < to; i++) {
                norms[(int) i] = Math.sqrt(sq.getDouble(i - from));
            }
        }
        return norms;
    }

    /** Squared per-sample gradient norms, [n]. */
    private static INDArray squaredNorms(MultiLayerNetwork net, INDArray x, INDArray y) {
        int layers = net.getnLayers();
        List<INDArray> inputs = new ArrayList<>(layers);   // h^(l-1), the input of layer l
        List<INDArray> pre = new ArrayList<>(layers);      // z^(l) = h^(l-1) W_l + b_l
        INDArray h = x;
        for (int l = 0; l < layers; l++) {
            Layer layer = net.getLayer(l);
            INDArray z = h.mmul(layer.getParam("W"));
            INDArray b = layer.getParam("b");
            if (b != null) {
                z.addiRowVector(b);
            }
            inputs.add(h);
            pre.add(z);
            h = activation(layer).getActivation(z.dup(), false);
        }
        OutputLayer out = (OutputLayer) net.getLayer(layers - 1).conf().getLayer();
        ILossFunction loss = out.getLossFn() instanceof WeightedLoss w ? w.inner() : out.getLossFn();
        // Row j of z̄_L is ∂L_j/∂z_j: DL4J's loss gradient is per sample (the mean is taken by the updater).
        INDArray delta = loss.computeGradient(y, pre.get(layers - 1).dup(), out.getActivationFn(), null);
        INDArray sq = null;
        for (int l = layers - 1; l >= 0; l--) {
            Layer layer = net.getLayer(l);
            INDArray in = inputs.get(l);
            INDArray inSq = in.mul(in).sum(1);
            if (layer.getParam("b") != null) {
                inSq.addi(1.0);
            }
            INDArray term = inSq.muli(delta.mul(delta).sum(1));
            sq = sq == null ? term : sq.addi(term);
            if (l > 0) {
                INDArray epsilon = delta.mmul(layer.getParam("W").transpose());
                delta = activation(net.getLayer(l - 1)).backprop(pre.get(l - 1).dup(), epsilon).getFirst();
            }
        }
        return sq;
    }

    private static IActivation activation(Layer layer) {
        return ((BaseLayer) layer.conf().getLayer()).getActivationFn();
    }

    /** The network, if the trick applies to every layer; otherwise a message naming the first layer it does not. */
    private static MultiLayerNetwork denseNetwork(Model model) {
        if (!(model instanceof DlModel dl) || !(dl.network() instanceof MultiLayerNetwork net)) {
            throw new IllegalArgumentException("the Goodfellow trick needs a DlModel over a MultiLayerNetwork of"
                    + " DenseLayers and an OutputLayer, got " + (model instanceof DlModel dl
                    ? dl.network().getClass().getSimpleName() : model.getClass().getSimpleName())
                    + "; use '" + GradientNormScorer.ID + "'");
        }
        int layers = net.getnLayers();
        for (int l = 0; l < layers; l++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = net.getLayer(l).conf().getLayer();
            String name = "layer " + l + " ('" + conf.getLayerName() + "', " + conf.getClass().getSimpleName() + ")";
            Class<?> expected = l == layers - 1 ? OutputLayer.class : DenseLayer.class;
            if (conf.getClass() != expected) {
                throw new IllegalArgumentException(name + ": the Goodfellow trick needs " + expected.getSimpleName()
                        + (l == layers - 1 ? " as the last layer" : " here") + "; weight-shared, recurrent,"
                        + " normalising or other layers need '" + GradientNormScorer.ID + "'");
            }
            if (conf instanceof DenseLayer d && d.hasLayerNorm()) {
                throw new IllegalArgumentException(name + " has layer normalisation, which the Goodfellow trick"
                        + " does not cover; use '" + GradientNormScorer.ID + "'");
            }
            BaseLayer base = (BaseLayer) conf;
            if (base.getIDropout() != null || base.getWeightNoise() != null) {
                throw new IllegalArgumentException(name + " has dropout or weight noise: its training-mode gradient"
                        + " is random and the inference-mode trick would not match it");
            }
            if (net.getLayerWiseConfigurations().getInputPreProcess(l) != null) {
                throw new IllegalArgumentException(name + " has an input preprocessor ("
                        + net.getLayerWiseConfigurations().getInputPreProcess(l).getClass().getSimpleName()
                        + "); flatten the input instead");
            }
        }
        return net;
    }

    private static INDArray rows(INDArray a, long from, long to) {
        return from == 0 && to == a.size(0) ? a : a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** One batched forward and backward pass per sample: the same units as batch-size-1 backpropagation. */
    @Override
    public double costPerSample() {
        return Cost.STEP;
    }
}
