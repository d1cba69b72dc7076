package org.isrepro.reports.claims;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The verdicts. {@code inconclusive}: the 95% interval over seeds straddles the criterion, or the stand-in did not
 * reach the regime in which importance sampling acts (docs/statistics.md); informational claims get {@code pass}
 * when their measurement exists.
 */
public enum Verdict {
    PASS("pass"), FAIL("fail"), INCONCLUSIVE("inconclusive"), NOT_RUN("not-run");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static Verdict parse(String s) {
        for (Verdict v : values()) {
            if (v.id.equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + s + "' (expected pass, fail, inconclusive or not-run)");
    }
}
