package org.isrepro.reports.claims;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a predicate decided, with the numbers it decided on and, for comparisons, the interval it used. */
public record Outcome(Verdict verdict, Map<String, Object> measured, String reason, Estimate estimate) {

    public Outcome(Verdict verdict, Map<String, Object> measured, String reason) {
        this(verdict, measured, reason, null);
    }

    public static Outcome notRun(String reason) {
        return new Outcome(Verdict.NOT_RUN, new LinkedHashMap<>(), reason);
    }

    public static Outcome notRun(String reason, Map<String, Object> measured) {
        return new Outcome(Verdict.NOT_RUN, measured, reason);
    }

    /** pass when {@code ok}, otherwise fail with {@code failReason}. */
    public static Outcome decide(boolean ok, Map<String, Object> measured, String failReason) {
        return new Outcome(ok ? Verdict.PASS : Verdict.FAIL, measured, ok ? null : failReason);
    }

    public Outcome withEstimate(Estimate e) {
        return new Outcome(verdict, measured, reason, e);
    }
}
