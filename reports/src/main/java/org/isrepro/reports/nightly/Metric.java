package org.isrepro.reports.nightly;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One watched number. {@code kind} is {@code verdict} (value is pass / fail / not-run) or
 * {@code ratio} (value is a number, {@code better} says which direction is good, {@code tolerance}
 * is relative). A ratio measured over several seeds carries its 95% interval ({@code lo}, {@code hi},
 * docs/statistics.md); a nightly ratio regresses only when its whole interval has moved beyond the tolerance.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"key", "kind", "value", "lo", "hi", "better", "tolerance", "note"})
public record Metric(String key, String kind, Object value, Double lo, Double hi, String better, Double tolerance,
                     String note) {

    public Metric(String key, String kind, Object value, String better, Double tolerance, String note) {
        this(key, kind, value, null, null, better, tolerance, note);
    }

    /** The interval's worst end in the direction that matters, or the value when there is no interval. */
    public double worstEnd() {
        if (lo == null || hi == null) {
            return number();
        }
        return higherIsBetter() ? lo : hi;
    }

    /** The interval's best end (the value when there is no interval). */
    public double bestEnd() {
        if (lo == null || hi == null) {
            return number();
        }
        return higherIsBetter() ? hi : lo;
    }

    public static final String VERDICT = "verdict";
    public static final String RATIO = "ratio";

    public boolean higherIsBetter() {
        return "higher".equals(better);
    }

    public double number() {
        return ((Number) value).doubleValue();
    }

    public Metric withTolerance(Double t) {
        return new Metric(key, kind, value, lo, hi, better, t, note);
    }
}
