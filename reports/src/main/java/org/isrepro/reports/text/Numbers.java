package org.isrepro.reports.text;

import java.util.Locale;

/**
 * Numbers as the reports write them: four significant digits without trailing zeros, integers as integers, a
 * missing value (NaN) as "–" and infinities as "∞" / "-∞", whatever the output (docs/reports.md).
 */
public final class Numbers {
    /** How every output writes a value that is absent or undefined (NaN). */
    public static final String MISSING = "–";

    private Numbers() {
    }

    /** 0.5 → "0.5", 1.2e-5 → "1.2e-05", 3.0 → "3", 25.7812 → "25.78", NaN → "–". */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return MISSING;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        // "0.5000" → "0.5", "1.200e-05" → "1.2e-05": trailing zeros carry no information here
        int e = s.indexOf('e');
        String mant = e < 0 ? s : s.substring(0, e);
        String exp = e < 0 ? "" : s.substring(e);
        if (mant.contains(".")) {
            mant = mant.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mant + exp;
    }

    /** A count with thousands separators (12,000); NaN → "–". */
    public static String count(double v) {
        if (!Double.isFinite(v)) {
            return num(v);
        }
        return String.format(Locale.ROOT, "%,d", Math.round(v));
    }

    /** "[lo, hi]" through {@link #num}. */
    public static String interval(double lo, double hi) {
        return "[" + num(lo) + ", " + num(hi) + "]";
    }
}
