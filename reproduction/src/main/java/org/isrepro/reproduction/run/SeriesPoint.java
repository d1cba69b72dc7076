package org.isrepro.reproduction.run;

/**
 * One evaluation of a run (docs/records.md): both clocks, progress counters, the unweighted training
 * loss on a fixed training subset, test and validation error, tau and the learning rate in force.
 * Nullable doubles are absent measurements (tau of a method without tau, a diverged loss).
 */
public record SeriesPoint(double wallSeconds, double costUnits, long iteration, long samplesSeen, double epoch,
                          Double trainLoss, Double testError, Double testLoss, Double validationError, Double tau,
                          boolean isOn, double learningRate) {
}
