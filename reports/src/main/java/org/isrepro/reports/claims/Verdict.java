package org.isrepro.reports.claims;

import com.fasterxml.jackson.annotation.JsonValue;

/** The only three verdicts; informational claims get {@code pass} when their measurement exists. */
public enum Verdict {
    PASS("pass"), FAIL("fail"), NOT_RUN("not-run");

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
        throw new IllegalArgumentException("unknown verdict '" + s + "' (expected pass, fail or not-run)");
    }
}
