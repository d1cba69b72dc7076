package org.isrepro.core.model;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * The output layer's view of a batch: pre-activations z ([n, C]), labels, its activation and loss.
 * Everything the forward-only scorers need (loss, eq. 20 upper bound) and the outputs for evaluation.
 */
public record ForwardResult(INDArray preOutput, INDArray labels, IActivation activation, ILossFunction loss,
                            double[] knownLosses) {

    /** A result whose losses are computed from z when asked for. */
    public ForwardResult(INDArray preOutput, INDArray labels, IActivation activation, ILossFunction loss) {
        this(preOutput, labels, activation, loss, null);
    }

    public long size() {
        return preOutput.size(0);
    }

    /** Per-sample data losses L_i (no regularisation); those of the forward pass itself when it kept them. */
    public double[] losses() {
        if (knownLosses != null) {
            return knownLosses.clone();
        }
        INDArray s = loss.computeScoreArray(labels, preOutput.dup(), activation, null);
        return s.reshape(s.length()).toDoubleVector();
    }

    /** Network outputs, activation(z). */
    public INDArray outputs() {
        return activation.getActivation(preOutput.dup(), false);
    }

    /** Per-sample ∂L_i/∂z_i, [n, C] (eq. 20's Σ'_L(z) ∇_x L). */
    public INDArray lossGradientWrtPreOutput() {
        return loss.computeGradient(labels, preOutput.dup(), activation, null);
    }

    /** Fraction of samples whose argmax output differs from the argmax label. */
    public double errorRate() {
        INDArray predicted = outputs().argMax(1);
        INDArray actual = labels.argMax(1);
        long wrong = predicted.neq(actual).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
        return (double) wrong / size();
    }
}
