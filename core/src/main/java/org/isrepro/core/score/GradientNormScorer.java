package org.isrepro.core.score;

import org.isrepro.core.model.Cost;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.dataset.DataSet;

/**
 * s_i = ‖∇θ L_i‖₂ over all trainable parameters (data loss only), by backpropagation with batch size 1:
 * the variance-optimal distribution (§3.1) that eq. 20 bounds, and the oracle of the §4.1 ablation.
 */
public final class GradientNormScorer implements Scorer {
    public static final String ID = "gradient-norm";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public double[] score(Model model, DataSet batch, int chunkSize) {
        return model.perSampleGradientNorms(batch, false);
    }

    @Override
    public double costPerSample() {
        return Cost.STEP;
    }
}
