package org.isrepro.core.testing;

/** JUnit tags. Surefire runs FAST and SMOKE in `make test`; REPRODUCTION runs in `make reproduce`. */
public final class Tags {
    public static final String FAST = "fast";
    public static final String SMOKE = "smoke";
    public static final String REPRODUCTION = "reproduction";
    /** The part of `make dry-run` that CI runs after `make test` (`make test-dry-run`, README "Tests"). */
    public static final String DRY_RUN = "dryrun";

    private Tags() {
    }
}
