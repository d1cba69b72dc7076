package org.isrepro.core.score;

import org.isrepro.core.model.ForwardResult;

/** s_i = L_i, the per-sample data loss: the paper's <i>loss</i> baseline (§4, App. E). */
public final class LossScorer implements ForwardScorer {
    public static final String ID = "loss";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public double[] fromForward(ForwardResult forward) {
        return forward.losses();
    }
}
