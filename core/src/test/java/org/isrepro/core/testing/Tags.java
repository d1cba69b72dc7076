package org.isrepro.core.testing;

/** JUnit tags. Surefire runs FAST and SMOKE in `make test`; REPRODUCTION runs in `make reproduce`. */
public final class Tags {
    public static final String FAST = "fast";
    public static final String SMOKE = "smoke";
    public static final String REPRODUCTION = "reproduction";

    private Tags() {
    }
}
