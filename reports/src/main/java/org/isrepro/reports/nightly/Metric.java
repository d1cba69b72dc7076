package org.isrepro.reports.nightly;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One watched number. {@code kind} is {@code verdict} (value is pass / fail / not-run) or
 * {@code ratio} (value is a number, {@code better} says which direction is good, {@code tolerance}
 * is relative).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"key", "kind", "value", "better", "tolerance", "note"})
public record Metric(String key, String kind, Object value, String better, Double tolerance, String note) {
    public static final String VERDICT = "verdict";
    public static final String RATIO = "ratio";

    public boolean higherIsBetter() {
        return "higher".equals(better);
    }

    public double number() {
        return ((Number) value).doubleValue();
    }

    public Metric withTolerance(Double t) {
        return new Metric(key, kind, value, better, t, note);
    }
}
