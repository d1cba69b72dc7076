package org.isrepro.reports.render;

import org.isrepro.reports.claims.Estimate;
import org.isrepro.reports.text.Numbers;

import java.util.List;
import java.util.Map;

/** Number formatting shared by the renderings: integers as integers, four significant digits otherwise. */
final class Text {
    private Text() {
    }

    static String num(double v) {
        return Numbers.num(v);
    }

    /** A JSON value as text: numbers through {@link #num}, maps and lists flattened. */
    static String value(Object o) {
        if (o instanceof Number n) {
            return num(n.doubleValue());
        }
        if (o instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
            return num(Double.parseDouble(s));
        }
        if (o instanceof Estimate e) {
            return estimate(e);
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
