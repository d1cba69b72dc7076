package org.isrepro.reports.records;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One evaluation of a run (docs/records.md, {@code series[]}). Absent numbers are NaN; {@code isOn}
 * is whether importance sampling was on at that point.
 */
public record Point(double wallSeconds, double costUnits, double iteration, double samplesSeen, double epoch,
                    double trainLoss, double testError, double testLoss, double validationError, double tau,
                    boolean isOn, double learningRate) {

    static Point of(JsonNode n) {
        JsonNode on = n.get("isOn");
        return new Point(Json.num(n, "wallSeconds"), Json.num(n, "costUnits"), Json.num(n, "iteration"),
                Json.num(n, "samplesSeen"), Json.num(n, "epoch"), Json.num(n, "trainLoss"), Json.num(n, "testError"),
                Json.num(n, "testLoss"), Json.num(n, "validationError"), Json.num(n, "tau"),
                on != null && on.asBoolean(false), Json.num(n, "learningRate"));
    }
}
