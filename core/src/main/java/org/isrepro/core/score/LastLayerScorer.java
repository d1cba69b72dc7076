package org.isrepro.core.score;

import org.isrepro.core.model.Cost;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.dataset.DataSet;

/**
 * s_i = ‖∇ L_i‖₂ over the output layer's parameters only: the approximation RAIS-SGD uses, whose
 * quality a reviewer asked to check (seed 000). Computed by batch-size-1 backpropagation, so it is
 * charged as a full forward and backward pass.
 */
public final class LastLayerScorer implements Scorer {
    public static final String ID = "last-layer";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public double[] score(Model model, DataSet batch, int chunkSize) {
        return model.perSampleGradientNorms(batch, true);
    }

    @Override
    public double costPerSample() {
        return Cost.STEP;
    }
}
