package org.isrepro.reports.nightly;

import org.isrepro.reports.text.Numbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Baseline vs current, one row per key, and the readable diff. */
public record Comparison(List<Row> rows) {

    public enum Status {
        REGRESSION, MISSING, IMPROVED, CHANGED, NEW, SAME;

        boolean isRegression() {
            return this == REGRESSION || this == MISSING;
        }
    }

    public record Row(String key, String baseline, String current, String tolerance, Status status, String what) {
    }

    public static Comparison of(Baseline baseline, List<Metric> current) {
        Map<String, Metric> cur = new LinkedHashMap<>();
        current.forEach(m -> cur.put(m.key(), m));
        List<Row> rows = new ArrayList<>();
        for (Metric b : baseline.entries()) {
            Metric c = cur.remove(b.key());
            rows.add(b.kind().equals(Metric.VERDICT) ? verdict(b, c) : ratio(b, c));
        }
        cur.values().forEach(c -> rows.add(new Row(c.key(), Numbers.MISSING, show(c), tol(c), Status.NEW,
                "not in the baseline")));
        rows.sort(Comparator.comparing(Row::status));
        return new Comparison(List.copyOf(rows));
    }

    private static Row verdict(Metric b, Metric c) {
        String bv = (String) b.value();
        if (c == null || ("pass".equals(bv) && "not-run".equals(c.value()))) {
            Status s = "pass".equals(bv) ? Status.MISSING : Status.CHANGED;
            return new Row(b.key(), bv, c == null ? "absent" : (String) c.value(), Numbers.MISSING, s,
                    "a claim that passed is no longer judged");
        }
        String cv = (String) c.value();
        if (bv.equals(cv)) {
            return new Row(b.key(), bv, cv, Numbers.MISSING, Status.SAME, "");
        }
        if ("pass".equals(bv) && "fail".equals(cv)) {
            return new Row(b.key(), bv, cv, Numbers.MISSING, Status.REGRESSION, "a claim that passed now fails");
        }
        if ("pass".equals(cv)) {
            return new Row(b.key(), bv, cv, Numbers.MISSING, Status.IMPROVED, "the claim now passes");
        }
        return new Row(b.key(), bv, cv, Numbers.MISSING, Status.CHANGED, "verdict changed");
    }

    private static Row ratio(Metric b, Metric c) {
        double bv = b.number();
        String tolText = tol(b);
        if (c == null || !Double.isFinite(c.number())) {
            return new Row(b.key(), num(bv), c == null ? "absent" : num(c.number()), tolText, Status.MISSING,
                    "the number is no longer produced");
        }
        double cv = c.number();
        double tol = b.tolerance() == null ? 0 : b.tolerance();
        double rel = bv == 0 ? (cv == 0 ? 0 : Double.POSITIVE_INFINITY) : (cv - bv) / Math.abs(bv);
        // With an interval over seeds, a move counts only when the whole interval is beyond the tolerance band:
        // its best end is worse than the band's bad edge (or its worst end better than the good edge).
        double best = c.bestEnd();
        double worst = c.worstEnd();
        double relBest = bv == 0 ? rel : (best - bv) / Math.abs(bv);
        double relWorst = bv == 0 ? rel : (worst - bv) / Math.abs(bv);
        boolean worse = b.higherIsBetter() ? relBest < -tol : relBest > tol;
        boolean better = b.higherIsBetter() ? relWorst > tol : relWorst < -tol;
        String what = String.format(Locale.ROOT, "%+.1f%%; %s is better; tolerance ±%.0f%% relative%s", 100 * rel,
                b.higherIsBetter() ? "higher" : "lower", 100 * tol, c.lo() == null ? ""
                        : "; interval " + Numbers.interval(c.lo(), c.hi()));
        Status s = worse ? Status.REGRESSION : better ? Status.IMPROVED : bv == cv ? Status.SAME : Status.CHANGED;
        return new Row(b.key(), num(bv), num(cv) + (c.lo() == null ? ""
                : " " + Numbers.interval(c.lo(), c.hi())), tolText, s, what);
    }

    private static String show(Metric m) {
        return m.value() instanceof Number n ? num(n.doubleValue()) : String.valueOf(m.value());
    }

    private static String tol(Metric m) {
        return m.tolerance() == null ? Numbers.MISSING
                : String.format(Locale.ROOT, "±%.0f%% relative", 100 * m.tolerance());
    }

    private static String num(double v) {
        return Numbers.num(v);
    }

    public List<Row> regressions() {
        return rows.stream().filter(r -> r.status().isRegression()).toList();
    }

    public long count(Status s) {
        return rows.stream().filter(r -> r.status() == s).count();
    }

    /** The Markdown diff written to nightly-diff.md. */
    public String markdown(String header) {
        StringBuilder sb = new StringBuilder("# Nightly regression check\n\n").append(header).append("\n\n");
        List<Row> reg = regressions();
        sb.append(reg.isEmpty() ? "**No regression.**" : "**" + reg.size() + " regression(s).**")
                .append(String.format(Locale.ROOT, " %d improved, %d changed within tolerance or neutral, %d new, %d "
                                + "unchanged.%n%n", count(Status.IMPROVED), count(Status.CHANGED), count(Status.NEW),
                        count(Status.SAME)));
        for (Row r : reg) {
            sb.append("- REGRESSION `").append(r.key()).append("`: ").append(r.baseline()).append(" → ")
                    .append(r.current()).append(" — ").append(r.what()).append('\n');
        }
        sb.append("\n| status | key | baseline | current | tolerance | what moved |\n|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.status().name().toLowerCase(Locale.ROOT)).append(" | `").append(r.key())
                    .append("` | ").append(r.baseline()).append(" | ").append(r.current()).append(" | ")
                    .append(r.tolerance()).append(" | ").append(r.what().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }
}
