package org.isrepro.core.method.rais;

import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads ‖g‖² of a training step's gradient in DL4J's gradient callback, after backpropagation and
 * before the updater (which rewrites the gradient in place), so eq. (6)'s A costs no extra pass. DL4J's
 * raw gradient is the batch sum; {@link #meanSquaredNorm} divides by the batch size. Batch-norm running
 * statistics (mean, var, log10stdev) travel as pseudo-gradients and are excluded; regularisation is
 * applied later by the updater and is not included (the data-loss gradient, as g_R is defined).
 */
final class GradientTap extends BaseTrainingListener {
    private double sumSquaredNorm = Double.NaN;

    @Override
    public void onGradientCalculation(Model model) {
        Gradient g = model.gradient();
        double sq = 0;
        for (Map.Entry<String, INDArray> e : g.gradientForVariable().entrySet()) {
            String key = e.getKey();
            if (key.endsWith("_mean") || key.endsWith("_var") || key.endsWith("_log10stdev")) {
                continue;
            }
            double norm = e.getValue().norm2Number().doubleValue();
            sq += norm * norm;
        }
        sumSquaredNorm = sq;
    }

    /** ‖(1/b) Σ_k ω_k ∇f_k‖² of the last step; consumes the value (NaN if no step ran since). */
    double meanSquaredNorm(int batchSize) {
        double v = sumSquaredNorm / ((double) batchSize * batchSize);
        sumSquaredNorm = Double.NaN;
        return v;
    }
}
