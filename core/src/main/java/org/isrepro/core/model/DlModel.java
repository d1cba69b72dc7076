package org.isrepro.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * {@link Model} over a DL4J {@code MultiLayerNetwork} or single-output {@code ComputationGraph}.
 *
 * <p>Construction wraps the output layer's loss in a {@link WeightedLoss} (in place: the network is
 * owned by this adapter from then on) and refuses output layers for which eq. 20 cannot be computed
 * from the layer's own pre-activations (a softmax fused into an earlier layer).
 */
public final class DlModel implements Model {
    private final MultiLayerNetwork mln;
    private final ComputationGraph graph;
    private final WeightedLoss loss;
    private final String outputParamPrefix;
    private final int numClasses;
    private final DataType dataType;
    private double learningRate = Double.NaN;

    private DlModel(MultiLayerNetwork mln, ComputationGraph graph) {
        this.mln = mln;
        this.graph = graph;
        Layer out;
        if (mln != null) {
            out = mln.getOutputLayer();
            outputParamPrefix = (mln.getnLayers() - 1) + "_";
            dataType = mln.getLayerWiseConfigurations().getDataType();
        } else {
            if (graph.getNumOutputArrays() != 1) {
                throw new IllegalArgumentException("only single-output graphs are supported, this one has "
                        + graph.getNumOutputArrays());
            }
            out = graph.getOutputLayer(0);
            outputParamPrefix = graph.getConfiguration().getNetworkOutputs().get(0) + "_";
            dataType = graph.getConfiguration().getDataType();
        }
        org.deeplearning4j.nn.conf.layers.Layer conf = out.conf().getLayer();
        ILossFunction original;
        IActivation activation;
        if (conf instanceof BaseOutputLayer o) {
            original = o.getLossFn();
            activation = o.getActivationFn();
        } else if (conf instanceof LossLayer o) {
            original = o.getLossFn();
            activation = o.getActivationFn();
        } else {
            throw new IllegalArgumentException("the last layer must be an output or loss layer, got "
                    + conf.getClass().getSimpleName());
        }
        if (original instanceof WeightedLoss w) {
            // A clone of an adapted network carries the wrapper: give this adapter its own.
            original = w.inner();
        }
        checkPreActivationsAreLogits(original, activation, conf);
        loss = new WeightedLoss(original);
        if (conf instanceof BaseOutputLayer o) {
            o.setLossFn(loss);
        } else {
            ((LossLayer) conf).setLossFn(loss);
        }
        numClasses = conf instanceof FeedForwardLayer f && f.getNOut() > 0 ? (int) f.getNOut() : -1;
    }

    public static DlModel of(MultiLayerNetwork network) {
        return new DlModel(network, null);
    }

    public static DlModel of(ComputationGraph graph) {
        return new DlModel(null, graph);
    }

    /** The wrapped DL4J network (a MultiLayerNetwork or a ComputationGraph). */
    public org.deeplearning4j.nn.api.Model network() {
        return mln != null ? mln : graph;
    }

    /**
     * Cross-entropy losses expect probabilities: with an identity activation the layer's "pre-activations"
     * are already probabilities from a fused softmax, and eq. 20 would be computed on the wrong quantity.
     */
    private static void checkPreActivationsAreLogits(ILossFunction lossFn, IActivation activation,
                                                     org.deeplearning4j.nn.conf.layers.Layer conf) {
        boolean crossEntropy = lossFn instanceof LossMCXENT || lossFn instanceof LossBinaryXENT;
        if (crossEntropy && activation instanceof ActivationIdentity) {
            throw new IllegalArgumentException("output layer '" + conf.getLayerName() + "' applies " + lossFn.name()
                    + " to an identity activation: the softmax/sigmoid is fused into an earlier layer, so its"
                    + " pre-activations are probabilities, not logits, and the upper bound of eq. 20 would be"
                    + " wrong. Give the output layer the softmax (or sigmoid) activation and an identity before it.");
        }
        if (lossFn instanceof LossMCXENT && !(activation instanceof ActivationSoftmax)
                && !(activation instanceof ActivationSigmoid)) {
            throw new IllegalArgumentException("output layer '" + conf.getLayerName() + "': " + lossFn.name()
                    + " with activation " + activation + " does not define a distribution; use softmax");
        }
    }

    @Override
    public ForwardResult forward(DataSet batch, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
        INDArray features = cast(batch.getFeatures());
        INDArray labels = cast(batch.getLabels());
        long n = features.size(0);
        checkRows(features, labels);
        List<INDArray> pre = new ArrayList<>();
        List<INDArray> labs = new ArrayList<>();
        List<INDArray> losses = new ArrayList<>();
        IActivation activation = null;
        loss.setWeights(null);
        for (long from = 0; from < n; from += chunkSize) {
            long to = Math.min(n, from + chunkSize);
            DataSet chunk = from == 0 && to == n ? new DataSet(features, labels)
                    : new DataSet(rows(features, from, to), rows(labels, from, to));
            loss.clearTap();
            // scoreExamples runs an inference forward pass and hands the output layer's z to the loss.
            if (mln != null) {
                mln.scoreExamples(chunk, false);
            } else {
                graph.scoreExamples(chunk, false);
            }
            WeightedLoss.Tap tap = loss.lastTap();
            if (tap == null) {
                throw new IllegalStateException("the output layer did not call its loss during scoreExamples");
            }
            pre.add(tap.preOutput());
            labs.add(tap.labels());
            losses.add(tap.losses());
            activation = tap.activation();
        }
        INDArray z = pre.size() == 1 ? pre.get(0) : Nd4j.concat(0, pre.toArray(INDArray[]::new));
        INDArray y = labs.size() == 1 ? labs.get(0) : Nd4j.concat(0, labs.toArray(INDArray[]::new));
        double[] known = null;
        if (losses.stream().allMatch(java.util.Objects::nonNull)) {
            known = new double[(int) n];
            int at = 0;
            for (INDArray l : losses) {
                double[] v = l.reshape(l.length()).toDoubleVector();
                System.arraycopy(v, 0, known, at, v.length);
                at += v.length;
            }
        }
        return new ForwardResult(z, y, activation, loss.inner(), known);
    }

    @Override
    public double weightedStep(DataSet batch, double[] weights) {
        DataSet ds = new DataSet(cast(batch.getFeatures()), cast(batch.getLabels()));
        checkRows(ds.getFeatures(), ds.getLabels());
        loss.setWeights(weightColumn(weights, ds.getFeatures().size(0)));
        try {
            if (mln != null) {
                mln.fit(ds);
                return mln.score();
            }
            graph.fit(ds);
            return graph.score();
        } finally {
            loss.setWeights(null);
        }
    }

    @Override
    public ForwardResult lastTrainingForward() {
        WeightedLoss.Tap tap = loss.lastTap();
        return tap == null ? null : new ForwardResult(tap.preOutput(), tap.labels(), tap.activation(), loss.inner());
    }

    @Override
    public INDArray gradient(DataSet batch, double[] weights) {
        INDArray features = cast(batch.getFeatures());
        INDArray labels = cast(batch.getLabels());
        checkRows(features, labels);
        long n = features.size(0);
        loss.setWeights(weightColumn(weights, n));
        try {
            // DL4J's backprop sums over the batch (the updater divides by n), so divide here.
            Gradient g = computeGradient(features, labels);
            // The flattened view has the layout of params(); per-variable arrays are 'f'-ordered views.
            return g.gradient().dup().reshape(numParams()).divi(n);
        } finally {
            loss.setWeights(null);
        }
    }

    @Override
    public void applyGradient(INDArray meanGradient) {
        if (meanGradient.length() != numParams()) {
            throw new IllegalArgumentException("gradient has " + meanGradient.length() + " values, the network "
                    + numParams() + " parameters");
        }
        Gradient g = mln != null ? mln.gradient() : graph.gradient();
        if (g == null || g.gradient() == null) {
            // Let DL4J lay out its per-variable gradient views once; the values are overwritten below.
            throw new IllegalStateException("applyGradient needs a gradient layout: call gradient() once first");
        }
        INDArray view = g.gradient();
        view.assign(meanGradient.reshape(view.shape()).castTo(view.dataType()));
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        if (mln != null) {
            // batch size 1: the gradient is already a mean, the updater must not divide it again
            mln.getUpdater().update(mln, g, mln.getIterationCount(), mln.getEpochCount(), 1, mgr);
            mln.params().subi(view);
            mln.setIterationCount(mln.getIterationCount() + 1);
        } else {
            graph.getUpdater().update(g, graph.getIterationCount(), graph.getEpochCount(), 1, mgr);
            graph.params().subi(view);
            graph.getConfiguration().setIterationCount(graph.getIterationCount() + 1);
        }
    }

    @Override
    public double[] perSampleGradientNorms(DataSet batch, boolean outputLayerOnly) {
        INDArray features = cast(batch.getFeatures());
        INDArray labels = cast(batch.getLabels());
        checkRows(features, labels);
        int n = (int) features.size(0);
        double[] norms = new double[n];
        loss.setWeights(null);
        String prefix = outputLayerOnly ? outputParamPrefix : null;
        for (int i = 0; i < n; i++) {
            Gradient g = computeGradient(rows(features, i, i + 1), rows(labels, i, i + 1));
            double sq = 0;
            for (Map.Entry<String, INDArray> e : g.gradientForVariable().entrySet()) {
                if (prefix == null || e.getKey().startsWith(prefix)) {
                    double norm = e.getValue().norm2Number().doubleValue();
                    sq += norm * norm;
                }
            }
            norms[i] = Math.sqrt(sq);
        }
        return norms;
    }

    private Gradient computeGradient(INDArray features, INDArray labels) {
        if (mln != null) {
            mln.setInput(features);
            mln.setLabels(labels);
            mln.computeGradientAndScore();
            return mln.gradient();
        }
        graph.setInputs(features);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        return graph.gradient();
    }

    @Override
    public INDArray params() {
        return (mln != null ? mln.params() : graph.params()).dup();
    }

    @Override
    public void setParams(INDArray params) {
        if (params.length() != numParams()) {
            throw new IllegalArgumentException("expected " + numParams() + " parameters, got " + params.length());
        }
        if (mln != null) {
            mln.setParams(params);
        } else {
            graph.setParams(params);
        }
    }

    @Override
    public INDArray optimizerState() {
        INDArray state = mln != null ? mln.getUpdater().getStateViewArray() : graph.getUpdater().getStateViewArray();
        return state == null ? Nd4j.empty(dataType) : state.dup();
    }

    @Override
    public void setOptimizerState(INDArray state) {
        INDArray view = mln != null ? mln.getUpdater().getStateViewArray() : graph.getUpdater().getStateViewArray();
        long have = view == null ? 0 : view.length();
        if (state.length() != have) {
            throw new IllegalArgumentException("optimizer state has " + state.length() + " values, the network's "
                    + have);
        }
        if (view != null) {
            view.assign(state.reshape(view.shape()));
        }
    }

    @Override
    public void setLearningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + lr);
        }
        if (lr == learningRate) {
            return;
        }
        if (mln != null) {
            mln.setLearningRate(lr);
        } else {
            graph.setLearningRate(lr);
        }
        learningRate = lr;
    }

    /** DL4J's own update counter (Adam's bias correction reads it); checkpoints keep it. */
    public int iterationCount() {
        return mln != null ? mln.getIterationCount() : graph.getIterationCount();
    }

    public void setIterationCount(int count) {
        if (mln != null) {
            mln.setIterationCount(count);
        } else {
            graph.getConfiguration().setIterationCount(count);
        }
    }

    @Override
    public long numParams() {
        return mln != null ? mln.numParams() : graph.numParams();
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    private INDArray cast(INDArray a) {
        return a.dataType() == dataType ? a : a.castTo(dataType);
    }

    private static INDArray rows(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to)).dup();
    }

    private static void checkRows(INDArray features, INDArray labels) {
        if (labels == null || features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("features have " + features.size(0) + " rows but labels "
                    + (labels == null ? "are missing" : "have " + labels.size(0)));
        }
    }

    private INDArray weightColumn(double[] weights, long n) {
        if (weights == null) {
            return null;
        }
        if (weights.length != n) {
            throw new IllegalArgumentException(weights.length + " weights for a batch of " + n);
        }
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " is " + weights[i]
                        + "; weights must be finite and non-negative");
            }
        }
        return Nd4j.createFromArray(weights).reshape(n, 1).castTo(dataType);
    }
}
