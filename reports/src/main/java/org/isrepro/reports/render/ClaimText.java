package org.isrepro.reports.render;

import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.claims.Verdict;
import org.isrepro.reports.text.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.isrepro.reports.render.Text.html;

/**
 * What the claims table says about a claim's measurement: never blank. The estimate with its interval when the
 * claim has one, then the headline; without either, the first measured numbers; without any, why not. The
 * comparison extras ({@code regime}, {@code equalBudgetRatios}, {@code equalLossSpeedup}, docs/statistics.md)
 * are rendered as small tables when present.
 */
final class ClaimText {
    static final List<String> BUDGET_POINTS = List.of("25%", "50%", "75%", "100%");
    private static final List<String> EXTRAS = List.of("headline", "regime", "equalBudgetRatios", "equalLossSpeedup");

    private ClaimText() {
    }

    static String measured(ClaimResult c) {
        List<String> parts = new ArrayList<>();
        if (c.estimate() != null) {
            parts.add(Text.estimate(c.estimate()));
        }
        if (!c.headline().isBlank()) {
            parts.add(tidyNumbers(c.headline()));
        }
        if (parts.isEmpty()) {
            List<String> kv = new ArrayList<>();
            for (Map.Entry<String, Object> e : c.measured().entrySet()) {
                if (EXTRAS.contains(e.getKey())) {
                    continue;
                }
                String v = e.getKey() + ": " + Text.value(e.getValue());
                kv.add(v.length() > 140 ? v.substring(0, 139) + "…" : v);
                if (kv.size() == 3) {
                    break;
                }
            }
            parts.addAll(kv);
        }
        if (parts.isEmpty() && c.measured().get("regime") instanceof Map<?, ?> regime) {
            parts.add(regimeSummary(regime));
        }
        if (parts.isEmpty()) {
            parts.add(c.verdict() == Verdict.NOT_RUN ? "no measurement: its input is absent" : "no measurement");
        }
        return String.join("; ", parts);
    }

    /** In text from the claims: "10.00" → "10", "1.100" → "1.1" (integers as integers, no padding zeros). */
    static String tidyNumbers(String s) {
        return s.replaceAll("(?<![\\d.])(\\d+)\\.0+(?![\\d.eE])", "$1")
                .replaceAll("(?<![\\d.])(\\d+\\.\\d*?[1-9])0+(?![\\d.eE])", "$1");
    }

    private static String regimeSummary(Map<?, ?> regime) {
        List<String> out = new ArrayList<>();
        regime.forEach((exp, v) -> {
            if (v instanceof Map<?, ?> r && Boolean.FALSE.equals(r.get("reached"))) {
                out.add(exp + ": regime not reached" + (r.get("reason") == null ? "" : " (" + r.get("reason") + ")"));
            }
        });
        return out.isEmpty() ? "regime reached in every experiment" : String.join("; ", out);
    }

    /** The regime and equal-budget tables, and every measured number behind a disclosure. */
    static void extras(StringBuilder h, ClaimResult c) {
        Object regime = c.measured().get("regime");
        if (regime instanceof Map<?, ?> rm && !rm.isEmpty()) {
            h.append("<table class=\"small\"><tr><th>regime</th><th>reached</th><th>uniform loss drop (≥ 10)</th>"
                    + "<th>share of the drop on unseen images (≥ 0.5)</th><th>unseen / training loss</th>"
                    + "<th>IS share</th><th>IS asked</th><th>reason</th></tr>");
            rm.forEach((exp, v) -> {
                if (v instanceof Map<?, ?> r) {
                    boolean reached = Boolean.TRUE.equals(r.get("reached"));
                    h.append("<tr class=\"").append(reached ? "pass" : "inconclusive").append("\"><td>")
                            .append(html(String.valueOf(exp))).append("</td><td>").append(reached ? "yes" : "no")
                            .append("</td><td>").append(Text.value(r.get("uniformLossDrop"))).append("</td><td>")
                            .append(Text.value(r.get("carriedOver"))).append("</td><td>")
                            .append(Text.value(r.get("unseenOverTrainingLoss"))).append("</td><td>")
                            .append(Text.value(r.get("isShare"))).append("</td><td>")
                            .append(html(r.get("isCondition") == null ? "" : String.valueOf(r.get("isCondition"))))
                            .append("</td><td>")
                            .append(html(r.get("reason") == null ? "" : String.valueOf(r.get("reason"))))
                            .append("</td></tr>");
                }
            });
            h.append("</table>");
        }
        Object eb = c.measured().get("equalBudgetRatios");
        if (eb instanceof Map<?, ?> em && !em.isEmpty()) {
            h.append("<table class=\"small\"><tr><th>budget</th>");
            BUDGET_POINTS.forEach(p -> h.append("<th>").append(p).append("</th>"));
            h.append("</tr><tr><td>ratio [95%], n</td>");
            for (String p : BUDGET_POINTS) {
                h.append("<td>").append(em.get(p) instanceof Map<?, ?> e ? html(Text.estimate(e)) : Numbers.MISSING).append("</td>");
            }
            h.append("</tr></table>");
        }
        if (c.measured().get("equalLossSpeedup") instanceof Map<?, ?> s) {
            h.append("<div class=\"small\">equal-loss speed-up: ").append(html(Text.estimate(s))).append("</div>");
        }
        if (c.measured().keySet().stream().anyMatch(k -> !k.equals("headline"))) {
            h.append("<details><summary>all numbers</summary><pre>");
            c.measured().forEach((k, v) -> {
                if (!k.equals("headline")) {
                    h.append(html(k)).append(": ").append(html(Text.value(v))).append('\n');
                }
            });
            h.append("</pre></details>");
        }
    }
}
