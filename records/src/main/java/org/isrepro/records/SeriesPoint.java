package org.isrepro.records;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One evaluation of a run (docs/records.md, {@code series[]}): both clocks, progress counters, the unweighted
 * training loss on a fixed training subset, test and validation error, tau and the learning rate in force. A null
 * is an absent measurement (tau of a method without tau, a loss after divergence).
 */
@JsonPropertyOrder({"wallSeconds", "costUnits", "iteration", "samplesSeen", "epoch", "trainLoss", "testError",
        "testLoss", "validationError", "tau", "isOn", "learningRate"})
public record SeriesPoint(double wallSeconds, double costUnits, long iteration, long samplesSeen, double epoch,
                          Double trainLoss, Double testError, Double testLoss, Double validationError, Double tau,
                          boolean isOn, double learningRate) {
}
