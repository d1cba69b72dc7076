package org.isrepro.core.score;

import org.isrepro.core.model.ForwardResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * eq. 20: Ĝ_i = ‖Σ'_L(z_i) ∇_{x_i^(L)} L‖₂, the norm of the gradient of the per-sample loss with respect
 * to the output layer's pre-activations, taken from the layer's own loss and activation. For softmax
 * with cross-entropy it is ‖softmax(z_i) − y_i‖₂. The constant Lρ cancels in the probabilities.
 */
public final class UpperBoundScorer implements ForwardScorer {
    public static final String ID = "upper-bound";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public double[] fromForward(ForwardResult forward) {
        INDArray grad = forward.lossGradientWrtPreOutput();
        long n = grad.size(0);
        return grad.reshape(n, grad.length() / n).norm2(1).toDoubleVector();
    }
}
