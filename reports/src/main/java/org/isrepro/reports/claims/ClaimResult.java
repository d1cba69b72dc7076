package org.isrepro.reports.claims;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * One entry of {@code claims.json}. {@code scale} is the scale the claim was judged at ({@code none}
 * when no input exists, {@code n/a} for claims that do not depend on a training scale);
 * {@code estimate} is the statistic of a comparison with its 95% interval over seeds (null for other claims);
 * {@code reason} explains a not-run or a fail in words, and is null otherwise.
 */
@JsonPropertyOrder({"id", "source", "statement", "paperValue", "measured", "estimate", "scale", "verdict",
        "criterion", "reason", "inputs", "scalesPresent"})
public record ClaimResult(String id, String source, String statement, String paperValue, Map<String, Object> measured,
                          String scale, Verdict verdict, String criterion, String reason, String inputs,
                          java.util.List<String> scalesPresent, Estimate estimate) {

    public ClaimResult(String id, String source, String statement, String paperValue, Map<String, Object> measured,
                       String scale, Verdict verdict, String criterion, String reason, String inputs,
                       java.util.List<String> scalesPresent) {
        this(id, source, statement, paperValue, measured, scale, verdict, criterion, reason, inputs, scalesPresent,
                null);
    }

    /**
     * The key under which a claim judged on several experiments puts each experiment's own {@link Estimate} in that
     * experiment's measured values.
     */
    public static final String EXPERIMENT_ESTIMATE = "estimate";

    /**
     * The estimate that belongs to {@code experiment}: its own one when the claim judges several experiments (null
     * when that experiment has none), else the claim's.
     */
    public Estimate estimateOf(String experiment) {
        if (measured.get(experiment) instanceof Map<?, ?> own) {
            return own.get(EXPERIMENT_ESTIMATE) instanceof Estimate e ? e : null;
        }
        return estimate;
    }

    /** One line for stdout: verdict, id, scale and the headline. */
    public String summaryLine() {
        String why = reason == null ? "" : " — " + reason;
        return String.format("%-8s %-22s %-6s %s%s", verdict.id(), id, scale, headline(), why);
    }

    /** The first measured value, short, for one-line summaries. */
    public String headline() {
        Object h = measured.get("headline");
        return h == null ? "" : h.toString();
    }
}
