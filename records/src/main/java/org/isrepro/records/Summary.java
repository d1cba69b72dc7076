package org.isrepro.records;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A run's totals (docs/records.md, {@code summary}). The finals repeat the last series point; the counters are what
 * the §3.3 cost accounting is checked against (Katharopoulos &amp; Fleuret 2018, §3.3). The {@code first...} fields
 * are null when the event never happened.
 *
 * @param isIterations            iterations that were importance-sampled
 * @param firstIsOnIteration      the first importance-sampled iteration (0-based)
 * @param firstTauAboveThIteration the first iteration that began with tau above tau_th
 */
@JsonPropertyOrder({"finalTrainLoss", "finalTestError", "finalValidationError", "iterations", "isIterations",
        "firstIsOnIteration", "firstTauAboveThIteration", "firstIsOnSeconds", "firstIsOnCost", "wallSeconds",
        "costUnits"})
public record Summary(Double finalTrainLoss, Double finalTestError, Double finalValidationError, long iterations,
                      long isIterations, Long firstIsOnIteration, Long firstTauAboveThIteration, Double firstIsOnSeconds,
                      Double firstIsOnCost, double wallSeconds, double costUnits) {
}
