package org.isrepro.reports.records;

import java.util.Locale;

/** The three experiment scales, ordered from the cheapest to the paper's own settings. */
public enum Scale {
    SMOKE, CPU, PAPER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scale parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("missing scale (expected smoke, cpu or paper)");
        }
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scale '" + s + "' (expected smoke, cpu or paper)");
        }
    }
}
