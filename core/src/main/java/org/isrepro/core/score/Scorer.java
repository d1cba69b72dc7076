package org.isrepro.core.score;

import org.isrepro.core.model.Model;
import org.nd4j.linalg.dataset.DataSet;

/** A per-sample importance score s_i ≥ 0; sampling is proportional to it (paper §3.2, eq. 8). */
public interface Scorer {

    /** The id used in configurations and records: {@code loss}, {@code upper-bound}, ... */
    String id();

    /** One score per row of {@code batch}, with the model in inference mode. */
    double[] score(Model model, DataSet batch, int chunkSize);

    /** Cost-clock units spent per scored sample (forward = 1, backward = 2). */
    double costPerSample();
}
