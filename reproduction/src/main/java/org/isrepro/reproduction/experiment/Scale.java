package org.isrepro.reproduction.experiment;

import java.util.Locale;

/**
 * How big a reproduction is. One code path serves all three: only the sizes in the experiment
 * definitions change.
 */
public enum Scale {
    /** Seconds to a couple of minutes per suite, tiny real subsets: `make test` on 2 CPU cores. */
    SMOKE,
    /** The default of `make reproduce`: real data that installs here, reduced models, under an hour. */
    CPU,
    /** Exactly the paper's settings, for a GPU box with the real datasets. */
    PAPER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scale parse(String s) {
        for (Scale scale : values()) {
            if (scale.id().equalsIgnoreCase(s.trim())) {
                return scale;
            }
        }
        throw new IllegalArgumentException("unknown scale '" + s + "'; use smoke, cpu or paper");
    }

    /** The scale a JUnit suite runs at: system property {@code scale}, default smoke. */
    public static Scale fromSystemProperty() {
        return parse(System.getProperty("scale", "smoke"));
    }
}
