package org.isrepro.core.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Wraps an output layer's loss so that each sample's loss (and its gradient) is multiplied by a
 * per-sample weight, and taps the output layer's pre-activations z and labels on every call.
 *
 * <p>Why not DL4J's label masks: a per-example mask is also propagated to earlier layers and into the
 * score normalisation, and measured updates differ by about 5% from the duplicated-rows update. Here
 * the weight multiplies exactly dL_i/dz_i, so the step minimises (1/b) Σ w_i L_i and regularisation,
 * applied by the updater, stays unweighted.
 *
 * <p>The tap makes the upper bound of eq. 20 free: the scores of Algorithm 1, line 15, are computed
 * from the z the training step already produced.
 */
public final class WeightedLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    private final ILossFunction inner;
    private transient INDArray weights;   // [n, 1], or null for an unweighted pass
    private transient Tap lastTap;

    /**
     * What the last forward/backward through the output layer saw: z, labels, the activation, and the
     * unweighted per-sample losses when the layer asked for them (null on a backward pass).
     */
    public record Tap(INDArray preOutput, INDArray labels, IActivation activation, INDArray mask, INDArray losses) { }

    public WeightedLoss(ILossFunction inner) {
        if (inner instanceof WeightedLoss) {
            throw new IllegalArgumentException("loss is already wrapped");
        }
        this.inner = inner;
    }

    public ILossFunction inner() {
        return inner;
    }

    /** Weights for the next pass, one per row; null clears them. */
    public void setWeights(INDArray columnWeights) {
        this.weights = columnWeights;
    }

    public Tap lastTap() {
        return lastTap;
    }

    public void clearTap() {
        lastTap = null;
    }

    private void tap(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, INDArray losses) {
        // Copy out of any DL4J workspace: the arrays passed in are only valid during this call.
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            lastTap = new Tap(preOutput.dup(), labels.dup(), activation, mask == null ? null : mask.dup(),
                    losses == null ? null : losses.dup());
        }
    }

    private INDArray weighted(INDArray perRow) {
        if (weights == null) {
            return perRow;
        }
        if (perRow.size(0) != weights.size(0)) {
            throw new IllegalStateException("weights for " + weights.size(0) + " samples but the batch has "
                    + perRow.size(0) + " rows");
        }
        INDArray w = weights.castTo(perRow.dataType());
        return perRow.rank() == 1 ? perRow.muli(w.reshape(perRow.shape())) : perRow.muliColumnVector(w);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray scores = computeScoreArray(labels, preOutput, activationFn, mask);
        double sum = scores.sumNumber().doubleValue();
        return average ? sum / scores.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray scores = inner.computeScoreArray(labels, preOutput.dup(), activationFn, mask);
        // The unweighted losses are kept so that an inference pass yields them without a second computation.
        tap(labels, preOutput, activationFn, mask, scores);
        return weighted(scores);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        tap(labels, preOutput, activationFn, mask, null);
        return weighted(inner.computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "weighted(" + inner.name() + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
