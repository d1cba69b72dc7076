package org.isrepro.reports.claims;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a predicate decided, with the numbers it decided on. */
public record Outcome(Verdict verdict, Map<String, Object> measured, String reason) {

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
}
