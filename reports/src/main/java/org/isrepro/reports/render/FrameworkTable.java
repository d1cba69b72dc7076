package org.isrepro.reports.render;

import java.util.List;
import java.util.Map;
import org.isrepro.records.Frameworks;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.claims.FrameworkClaims;

/**
 * The §4.2 and §4.3 ratios of DL4J and of the PyTorch twin side by side, from the {@code framework-agreement}
 * claim's measured pairs (docs/statistics.md, "Framework agreement"); nothing when no twin run is present.
 */
final class FrameworkTable {

    static final String TITLE = "DL4J and the PyTorch twin, side by side";

    private FrameworkTable() {
    }

    /** The pairs the claim compared, empty when it compared none. */
    static List<Map<?, ?>> pairs(List<ClaimResult> claims) {
        for (ClaimResult c : claims) {
            if (c.id().equals(FrameworkClaims.ID) && c.measured().get(FrameworkClaims.PAIRS) instanceof List<?> l) {
                return l.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList();
            }
        }
        return List.of();
    }

    private static String cell(Map<?, ?> pair, String framework) {
        return pair.get(framework) instanceof Map<?, ?> e ? Text.estimate(e) : "–";
    }

    private static String overlap(Map<?, ?> pair) {
        Object o = pair.get("overlap");
        return o == null ? "no interval in both" : Boolean.TRUE.equals(o) ? "yes" : "**no**";
    }

    static String markdown(List<ClaimResult> claims) {
        List<Map<?, ?>> pairs = pairs(claims);
        if (pairs.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("## " + TITLE + "\n\nClaim `" + FrameworkClaims.ID + "`: each ratio's "
                + "estimate, 95% interval over seeds and number of paired seeds in each framework.\n\n"
                + "| experiment | ratio | DL4J | PyTorch | intervals overlap |\n|---|---|---|---|---|\n");
        for (Map<?, ?> p : pairs) {
            s.append("| ").append(p.get("experiment")).append(" | ").append(p.get("ratio")).append(" | ")
                    .append(cell(p, Frameworks.DL4J)).append(" | ").append(cell(p, Frameworks.PYTORCH)).append(" | ")
                    .append(overlap(p)).append(" |\n");
        }
        return s.append('\n').toString();
    }

    static String htmlSection(List<ClaimResult> claims) {
        List<Map<?, ?>> pairs = pairs(claims);
        if (pairs.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<section id=\"frameworks\">\n<h2>" + Text.html(TITLE) + "</h2>\n"
                + "<p class=\"small\">Claim <a href=\"#claim-" + FrameworkClaims.ID + "\"><code>" + FrameworkClaims.ID
                + "</code></a>: each ratio's estimate, 95% interval over seeds and number of paired seeds in each "
                + "framework.</p>\n<table id=\"framework-pairs\">\n<tr><th>experiment</th><th>ratio</th><th>DL4J</th>"
                + "<th>PyTorch</th><th>intervals overlap</th></tr>\n");
        for (Map<?, ?> p : pairs) {
            boolean apart = Boolean.FALSE.equals(p.get("overlap"));
            h.append("<tr").append(apart ? " class=\"fail\"" : "").append("><td>").append(Text.html(String.valueOf(
                    p.get("experiment")))).append("</td><td>").append(Text.html(String.valueOf(p.get("ratio"))))
                    .append("</td><td>").append(Text.html(cell(p, Frameworks.DL4J))).append("</td><td>")
                    .append(Text.html(cell(p, Frameworks.PYTORCH))).append("</td><td>")
                    .append(Text.html(overlap(p).replace("**", ""))).append("</td></tr>\n");
        }
        return h.append("</table>\n</section>\n").toString();
    }
}
