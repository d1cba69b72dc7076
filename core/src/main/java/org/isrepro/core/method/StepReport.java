package org.isrepro.core.method;

/**
 * What one step did: its (weighted) training loss, the smoothed tau after it (NaN when the method has
 * none), whether it was importance sampled, its cost-clock units and the learning rate it used.
 */
public record StepReport(double loss, double tau, boolean importanceSampled, double costUnits,
                         double learningRate) {
}
