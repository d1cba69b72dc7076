package org.isrepro.core.method;

import java.util.Map;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.Model;

/**
 * One way of choosing and weighting the samples of each SGD step: uniform, Algorithm 1 with a scorer,
 * the history-based baselines, the variance-reduced methods, RAIS. A method owns its own state (tau,
 * histories, snapshots), which it exposes for checkpoints.
 */
public interface Method {

    String id();

    /** Performs one parameter update. */
    StepReport step(Model model, SampleSource data, StepContext context);

    /** Hyper-parameters, for the run record. */
    Map<String, Object> params();

    /** State a checkpoint must keep to resume the same run (JSON-friendly values). */
    Map<String, Object> state();

    void restore(Map<String, Object> state);
}
