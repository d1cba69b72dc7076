package org.isrepro.core.score;

import org.isrepro.core.model.Cost;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A score computed from the output layer alone, so one batched forward pass gives all of them, and the
 * training step's own forward pass gives them for free (Algorithm 1, line 15).
 */
public interface ForwardScorer extends Scorer {

    double[] fromForward(ForwardResult forward);

    @Override
    default double[] score(Model model, DataSet batch, int chunkSize) {
        return fromForward(model.forward(batch, chunkSize));
    }

    @Override
    default double costPerSample() {
        return Cost.FORWARD;
    }
}
