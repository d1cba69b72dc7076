package org.isrepro.reports.claims;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The statistic a comparison claim is judged on, with its 95% interval over seeds (docs/statistics.md).
 * {@code statistic} names it (e.g. "ratio upper-bound/uniform of final training loss, paired over seeds"),
 * {@code estimate} is the point value on the claim's own scale (a ratio, not its logarithm), {@code lo} and
 * {@code hi} the interval's ends, {@code n} the number of paired seeds and {@code method} how the interval was
 * computed ("paired t on log-ratios", "paired t on differences", or "n=1: no interval" when one seed).
 */
@JsonPropertyOrder({"statistic", "estimate", "lo", "hi", "n", "method", "criterion"})
public record Estimate(String statistic, double estimate, double lo, double hi, int n, String method,
                       String criterion) {

    /** Whether both ends of the interval are finite (false with one seed). */
    public boolean hasInterval() {
        return Double.isFinite(lo) && Double.isFinite(hi);
    }
}
