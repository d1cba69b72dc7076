package org.isrepro.reports.render;

import org.isrepro.reports.claims.Estimate;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Number formatting shared by the renderings: integers as integers, four significant digits otherwise. */
final class Text {
    private Text() {
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
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

    /** A JSON value as text: numbers through {@link #num}, maps and lists flattened. */
    static String value(Object o) {
        if (o instanceof Number n) {
            return num(n.doubleValue());
        }
        if (o instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
            return num(Double.parseDouble(s));
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(": ").append(value(v)));
            return sb.append('}').toString();
        }
        if (o instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(Text::value).toList()) + "]";
        }
        return String.valueOf(o);
    }

    /** "estimate [lo, hi], n=…" (or "n=1: no interval"). */
    static String estimate(Estimate e) {
        String s = num(e.estimate()) + (e.hasInterval() ? " [" + num(e.lo()) + ", " + num(e.hi()) + "]" : "")
                + ", n=" + e.n() + (e.hasInterval() ? "" : " (no interval)");
        return e.statistic() == null ? s : e.statistic() + ": " + s;
    }

    /** An estimate given as a map {estimate, lo, hi, n} in a claim's measured values. */
    static String estimate(Map<?, ?> m) {
        double est = d(m.get("estimate"));
        double lo = d(m.get("lo"));
        double hi = d(m.get("hi"));
        Object n = m.get("n");
        boolean interval = Double.isFinite(lo) && Double.isFinite(hi);
        return num(est) + (interval ? " [" + num(lo) + ", " + num(hi) + "]" : "") + (n == null ? "" : ", n=" + value(n));
    }

    static double d(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    static String html(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Escapes the characters that break a Markdown table cell. */
    static String md(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }
}
