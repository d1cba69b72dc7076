package org.isrepro.reports.render;

import com.fasterxml.jackson.databind.JsonNode;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.claims.Verdict;
import org.isrepro.reports.figures.Charts;
import org.isrepro.reports.figures.FigureRef;
import org.isrepro.reports.figures.Section;
import org.isrepro.reports.records.BenchRatios;
import org.isrepro.reports.records.CheckFile;
import org.isrepro.reports.records.Scale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import static org.isrepro.reports.render.Text.html;
import static org.isrepro.reports.render.Text.num;

/**
 * {@code index.html}: inline CSS, no scripts; references only figure files and records under the output dir.
 * A summary comes first (scale, verdict counts, one line per experiment, warnings, contents), then the claims,
 * then the paper's parts in its order, then provenance and the records. Every table scrolls inside its own box,
 * so the page itself never scrolls sideways.
 */
public final class HtmlReport {
    private static final String CSS = """
            *{box-sizing:border-box}
            body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 12px 3em;color:#222}
            h1{font-size:1.3em;margin:.5em 0 .1em}h2{font-size:1.2em;margin:1.6em 0 .4em;padding-top:.4em;border-top:2px solid #ddd}
            h3{font-size:1.05em;margin:1.2em 0 .3em}
            .meta{color:#555;font-size:.85em;margin:0 0 .5em}
            .scroll{overflow-x:auto;max-width:100%;margin:.4em 0}
            table{border-collapse:collapse;font-size:.87em}
            th,td{border:1px solid #ccc;padding:.25em .45em;vertical-align:top;text-align:left}
            td{overflow-wrap:anywhere;min-width:4em}
            th{background:#f3f3f3}
            code{overflow-wrap:anywhere}
            .pass{background:#e3f5e1}.fail{background:#fbe0de}.inconclusive{background:#fff0bf}.not-run{background:#eee;color:#555}
            .v{font-weight:bold;white-space:nowrap;padding:0 .3em;border-radius:3px}
            .banner{padding:.45em .8em;border-left:6px solid #888;background:#f4f4f4;margin:.3em 0}
            .banner.smoke{background:#fdecea;border-color:#c0392b}.banner.cpu{background:#fff6d5;border-color:#d4a017}
            .banner.paper{background:#e3f5e1;border-color:#2e7d32}
            .counts{margin:.3em 0}
            nav.toc{font-size:.9em;margin:.4em 0}nav.toc a{margin-right:.9em;white-space:nowrap;display:inline-block}
            ul.warn{margin:.3em 0;padding-left:1.3em;font-size:.9em}
            .figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,540px),1fr));gap:.8em 1.2em}
            figure{margin:.6em 0}figure img{width:100%;height:auto;border:1px solid #ddd;display:block}
            figcaption{font-size:.85em;color:#444;overflow-wrap:anywhere}
            details{font-size:.85em}details pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:.2em 0}
            table.claims td:first-child{overflow-wrap:normal;white-space:nowrap}table.claims td:nth-child(4){white-space:nowrap}
            table.claims td:nth-child(2),table.claims td:nth-child(3),table.claims td:nth-child(5){min-width:10em}
            table.claims details{display:inline;margin-left:.3em}table.claims details>summary{display:inline;color:#555}
            table.claims details[open]{display:block;margin-left:0}
            .small{font-size:.82em;color:#444}
            .note{background:#fff6d5;padding:.5em 1em;border:1px solid #e6d48a}
            """;

    private HtmlReport() {
    }

    public static String render(ReportModel m) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>isrepro — what reproduced</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Importance sampling for deep learning — reproduction report</h1>\n");
        h.append("<p class=\"meta\">Katharopoulos &amp; Fleuret (ICML 2018) and RAIS-SGD. Generated ")
                .append(html(m.generatedAt())).append(" from the records only; nothing here trained.</p>\n");
        Notes notes = new Notes(m.claims());
        summary(h, m);
        problems(h, m);
        claims(h, m, notes);
        h.append(FrameworkTable.htmlSection(m.claims()));
        for (Section s : Section.values()) {
            section(h, m, s);
        }
        provenance(h, m);
        records(h, m);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    // ------------------------------------------------------------------ summary

    static String bannerText(ReportModel m) {
        Scale top = m.topScale();
        if (top == null) {
            return "Nothing has run yet: no run records, ablation, benchmark or check files were found. Every claim "
                    + "below is not-run.";
        }
        String others = m.scales().size() > 1 ? " Records of " + m.scales().stream().map(Scale::id).toList()
                + " scales are present; each claim is judged at the highest scale it has input for." : "";
        return switch (top) {
            case SMOKE -> "Smoke scale: not evidence. Seconds of training on tiny subsets check that every code path "
                    + "runs end to end; no number here says anything for or against the papers." + others;
            case CPU -> "CPU scale: reduced stand-ins on real data (see Provenance), judged by the cpu criteria. "
                    + "Evidence about the stand-ins, not a verdict on the papers' own settings." + others;
            case PAPER -> "Paper scale: the papers' own settings, judged by the paper criteria." + others;
        };
    }

    static String countsText(ReportModel m) {
        Scale top = m.topScale();
        return "Judged claims: " + m.judged(Verdict.PASS) + " pass, " + m.judged(Verdict.FAIL) + " fail, "
                + m.judged(Verdict.INCONCLUSIVE) + " inconclusive"
                + (top == Scale.SMOKE && m.judged(Verdict.PASS) + m.judged(Verdict.FAIL) > 0
                ? " (judged on smoke records: bookkeeping checks, not evidence)" : "")
                + ". Informational: " + m.informationalWithMeasurement() + " measured. Not run: "
                + m.count(Verdict.NOT_RUN) + ". Of " + m.claims().size() + " claims.";
    }

    /** Input files that could not be read, each named with its reason (they are left out of everything below). */
    private static void problems(StringBuilder h, ReportModel m) {
        if (m.results().problems().isEmpty()) {
            return;
        }
        h.append("<section id=\"problems\">\n<h2>Problems</h2>\n<p>These input files could not be read and are left "
                + "out of this report:</p>\n<ul>\n");
        for (org.isrepro.reports.records.Results.Problem p : m.results().problems()) {
            h.append("<li><code>").append(html(ReportModel.relative(m.results(), p.file()))).append("</code>: ")
                    .append(html(p.reason())).append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    private static void summary(StringBuilder h, ReportModel m) {
        Scale top = m.topScale();
        h.append("<section id=\"summary\">\n<h2 style=\"border:0;margin-top:.4em\">Summary</h2>\n");
        h.append("<p id=\"scale-banner\" class=\"banner ").append(top == null ? "none" : top.id()).append("\">")
                .append(top == null ? "" : "<b>" + top.id().toUpperCase(Locale.ROOT) + "</b> — ")
                .append(html(bannerText(m))).append("</p>\n");
        h.append("<p id=\"verdict-counts\" class=\"counts\">").append(html(countsText(m)))
                .append(" <a href=\"#claims\">Claims table</a>, <a href=\"claims.json\">claims.json</a>.</p>\n");
        h.append("<nav class=\"toc\" id=\"contents\"><b>Contents:</b> <a href=\"#claims\">Claims</a>");
        for (Section s : Section.values()) {
            if (hasContent(m, s)) {
                h.append("<a href=\"#").append(s.anchor).append("\">").append(html(shortTitle(s))).append("</a>");
            }
        }
        h.append("<a href=\"#provenance\">Provenance and stand-ins</a><a href=\"#records\">Records</a></nav>\n");
        if (!m.experiments().isEmpty() || m.results().ablation().isPresent()) {
            h.append("<div class=\"scroll\"><table id=\"experiments\">\n<tr><th>part</th><th>experiment</th>"
                    + "<th>headline (95% interval, n seeds)</th><th>paper</th><th>verdict</th></tr>\n");
            m.claims().stream().filter(c -> c.id().equals("bound-correlation") && c.verdict() != Verdict.NOT_RUN
                    || c.id().equals("bound-correlation") && m.results().ablation().isPresent()).findFirst()
                    .ifPresent(c -> h.append("<tr><td>§4.1</td><td>ablation (").append(html(c.scale()))
                            .append(")</td><td>").append(html(ClaimText.measured(c))).append("</td><td>")
                            .append(html(c.paperValue())).append("</td><td>").append(verdict(c)).append("</td></tr>\n"));
            for (ReportModel.ExperimentLine l : m.experiments()) {
                h.append("<tr><td>").append(html(shortSource(l.section()))).append("</td><td><a href=\"#")
                        .append(groupAnchor(l.experiment(), l.scale())).append("\">").append(html(l.experiment()))
                        .append("</a> (").append(l.scale().id()).append(", ").append(l.seeds()).append(" seed")
                        .append(l.seeds() == 1 ? "" : "s").append(")</td><td>").append(html(l.headline()));
                if (!l.notes().isEmpty()) {
                    h.append("<br><span class=\"small\">⚠ ").append(html(String.join("; ", l.notes()))).append("</span>");
                }
                h.append("</td><td>").append(html(l.paperValue())).append("</td><td>")
                        .append(l.claim() == null ? "" : verdict(l.claim())).append("</td></tr>\n");
            }
            h.append("</table></div>\n");
        }
        if (!m.warnings().isEmpty()) {
            h.append("<p><b>Warnings</b></p>\n<ul class=\"warn\" id=\"warnings\">\n");
            m.warnings().forEach(w -> h.append("<li>").append(html(w)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }

    static String shortTitle(Section s) {
        return switch (s) {
            case S41 -> "§3.3/4.1";
            case S42 -> "§4.2";
            case S43 -> "§4.3";
            case S44 -> "§4.4";
            case APPENDICES -> "App. C, D";
            case RAIS -> "RAIS";
            case CHECKS -> "Reviewer checks";
            case BENCHMARKS -> "Benchmarks";
        };
    }

    private static String shortSource(Section s) {
        return shortTitle(s);
    }

    static String groupAnchor(String experiment, Scale s) {
        return "exp-" + experiment + "-" + s.id();
    }

    static boolean hasContent(ReportModel m, Section s) {
        return s == Section.BENCHMARKS || m.figuresBySection().containsKey(s) || !m.checks(s).isEmpty()
                || m.claims(s).stream().anyMatch(c -> c.verdict() != Verdict.NOT_RUN);
    }

    private static String verdict(ClaimResult c) {
        return "<span class=\"v " + c.verdict().id() + "\">" + c.verdict().id() + "</span>";
    }

    // ------------------------------------------------------------------ claims

    /** Reasons shared by several claims are written once, as numbered notes under the table. */
    static final class Notes {
        final Map<String, Integer> number = new LinkedHashMap<>();

        Notes(List<ClaimResult> claims) {
            Map<String, Integer> uses = new LinkedHashMap<>();
            claims.forEach(c -> {
                if (c.reason() != null) {
                    uses.merge(c.reason(), 1, Integer::sum);
                }
            });
            uses.forEach((r, n) -> {
                if (n > 1) {
                    number.put(r, number.size() + 1);
                }
            });
        }
    }

    private static void claims(StringBuilder h, ReportModel m, Notes notes) {
        h.append("<section id=\"claims\">\n<h2>Claims: paper against measured</h2>\n");
        h.append("<p class=\"small\">The criterion shown is the one of the scale the claim was judged at; the other "
                + "scales' criteria are behind \"other scales\". Intervals are 95% over seeds.</p>\n");
        h.append("<div class=\"scroll\"><table class=\"claims\">\n<tr><th>claim</th><th>paper</th><th>measured</th>"
                + "<th>verdict (scale)</th><th>criterion</th><th>reason</th></tr>\n");
        for (ClaimResult c : m.claims()) {
            ReportModel.Criteria cr = ReportModel.criteria(c);
            h.append("<tr id=\"claim-").append(html(c.id())).append("\" class=\"").append(c.verdict().id())
                    .append("\"><td><code>").append(html(c.id())).append("</code><br><details><summary>")
                    .append(html(c.source())).append("</summary>").append(html(c.statement())).append("</details></td><td>")
                    .append(html(c.paperValue())).append("</td><td>").append(html(ClaimText.measured(c)));
            ClaimText.extras(h, c);
            h.append("</td><td>").append(verdict(c)).append("<br>").append(html(c.scale())).append("</td><td>")
                    .append(html(cr.judged()));
            if (!cr.others().isEmpty()) {
                h.append("<details><summary>other scales</summary>");
                cr.others().forEach((k, v) -> h.append("<b>").append(k).append(":</b> ").append(html(v)).append("<br>"));
                h.append("</details>");
            }
            h.append("</td><td>");
            if (c.reason() != null) {
                Integer n = notes.number.get(c.reason());
                if (n == null) {
                    h.append(html(c.reason()));
                } else {
                    h.append("<a href=\"#reason-").append(n).append("\">note ").append(n).append("</a>");
                }
            }
            h.append("</td></tr>\n");
        }
        h.append("</table></div>\n");
        if (!notes.number.isEmpty()) {
            h.append("<ol class=\"small\" id=\"reasons\">\n");
            notes.number.forEach((r, n) -> h.append("<li id=\"reason-").append(n).append("\">").append(html(r))
                    .append("</li>\n"));
            h.append("</ol>\n");
        }
        h.append("</section>\n");
    }

    // ------------------------------------------------------------------ the paper's parts

    private static void section(StringBuilder h, ReportModel m, Section s) {
        if (!hasContent(m, s)) {
            return;
        }
        h.append("<section id=\"").append(s.anchor).append("\">\n<h2>").append(html(s.title)).append("</h2>\n");
        List<ClaimResult> cs = m.claims(s);
        if (!cs.isEmpty()) {
            h.append("<p class=\"small\">Claims: ");
            for (int i = 0; i < cs.size(); i++) {
                ClaimResult c = cs.get(i);
                h.append(i == 0 ? "" : ", ").append("<a href=\"#claim-").append(html(c.id())).append("\">")
                        .append(html(c.id())).append("</a> ").append(verdict(c));
            }
            h.append("</p>\n");
        }
        Map<String, List<FigureRef>> groups = m.figuresBySection().getOrDefault(s, Map.of());
        List<CheckFile> checks = m.checks(s);
        for (Map.Entry<String, List<FigureRef>> g : groups.entrySet()) {
            if (g.getKey().startsWith("check ")) {
                continue;
            }
            h.append("<h3 id=\"").append(html(anchorOf(g.getKey()))).append("\">").append(html(g.getKey()))
                    .append("</h3>\n<div class=\"figs\">\n");
            g.getValue().forEach(f -> figure(h, m, f));
            h.append("</div>\n");
        }
        for (CheckFile c : checks) {
            check(h, m, c, groups);
        }
        if (s == Section.BENCHMARKS) {
            benchmarks(h, m);
        }
        h.append("</section>\n");
    }

    /** The anchor of a figure group "exp (scale scale)", matching {@link #groupAnchor}. */
    static String anchorOf(String group) {
        int p = group.indexOf(" (");
        if (p > 0 && group.endsWith(" scale)")) {
            String exp = group.substring(0, p);
            String scale = group.substring(p + 2, group.length() - " scale)".length());
            return "exp-" + exp + "-" + scale;
        }
        return "g-" + group.replaceAll("[^A-Za-z0-9]+", "-");
    }

    private static void figure(StringBuilder h, ReportModel m, FigureRef f) {
        h.append("<figure id=\"").append(html(f.id())).append("\"><a href=\"").append(html(f.png()))
                .append("\"><img src=\"").append(html(f.png())).append("\" width=\"").append(Charts.WIDTH)
                .append("\" height=\"").append(Charts.HEIGHT).append("\" alt=\"").append(html(f.title()))
                .append("\"></a><figcaption><b>")
                .append(html(f.title())).append(".</b> ").append(html(f.caption())).append(" <a href=\"")
                .append(html(f.svg())).append("\">SVG</a>");
        List<FigureRef> linked = m.linkedFrom(f);
        if (!linked.isEmpty()) {
            h.append(". Other clocks:");
            for (FigureRef l : linked) {
                h.append(" <a href=\"").append(html(l.png())).append("\">").append(html(l.linkLabel()))
                        .append("</a> (<a href=\"").append(html(l.svg())).append("\">SVG</a>)");
            }
        }
        h.append("</figcaption></figure>\n");
    }

    private static void check(StringBuilder h, ReportModel m, CheckFile c, Map<String, List<FigureRef>> groups) {
        h.append("<h3 id=\"check-").append(html(c.id())).append("\">").append(html(Objects.toString(c.title(), c.id())))
                .append(" <small>(").append(html(c.scale())).append(" scale, <a href=\"")
                .append(html(ReportModel.relative(m.results(), c.file()))).append("\">").append(html(c.id()))
                .append(".json</a>)</small></h3>\n<p>").append(html(c.description())).append("</p>\n");
        for (CheckFile.Table t : c.tables()) {
            h.append("<div class=\"scroll\"><table>\n<caption>").append(html(t.title())).append("</caption>\n<tr>");
            t.columns().forEach(col -> h.append("<th>").append(html(col)).append("</th>"));
            h.append("</tr>\n");
            for (List<JsonNode> row : t.rows()) {
                h.append("<tr>");
                row.forEach(v -> h.append("<td>").append(html(cell(v))).append("</td>"));
                h.append("</tr>\n");
            }
            h.append("</table></div>\n");
        }
        groups.forEach((g, figs) -> {
            if (g.startsWith("check " + c.id() + " (")) {
                h.append("<div class=\"figs\">\n");
                figs.forEach(f -> figure(h, m, f));
                h.append("</div>\n");
            }
        });
    }

    private static void benchmarks(StringBuilder h, ReportModel m) {
        h.append("<h3>Benchmark ratios</h3>\n");
        if (m.results().benchRatios().isEmpty()) {
            h.append("<p>Absent: no <code>benchmark-ratios.json</code> in this output directory (written by "
                    + "<code>make bench</code>), so the scoring-cost claim is not run.</p>\n");
        } else {
            h.append("<div class=\"scroll\"><table>\n<tr><th>id</th><th>numerator / denominator</th><th>params</th>"
                    + "<th>value</th><th>target</th><th>met</th><th>note</th></tr>\n");
            for (org.isrepro.records.BenchRatiosRecord.Ratio r : m.results().benchRatios().get().ratios()) {
                h.append("<tr class=\"").append(r.met() == null ? "not-run" : r.met() ? "pass" : "fail")
                        .append("\"><td><code>").append(html(r.id())).append("</code></td><td>").append(html(r.numerator()))
                        .append(" / ").append(html(r.denominator())).append("</td><td>").append(html(r.paramsText()))
                        .append("</td><td>").append(num(r.value())).append("</td><td>").append(html(r.target()))
                        .append("</td><td>").append(r.met() == null ? "" : r.met()).append("</td><td>")
                        .append(html(r.note())).append("</td></tr>\n");
            }
            h.append("</table></div>\n");
        }
        h.append("<h3>DL4J against PyTorch</h3>\n");
        if (m.peerSpeed().isEmpty()) {
            h.append("<p>Absent: no <code>").append(ReportModel.PEER_SPEED).append("</code> in this output directory, "
                    + "so there is no comparison with a PyTorch implementation of the same networks.</p>\n");
        } else {
            h.append("<p>From <a href=\"").append(ReportModel.PEER_SPEED).append("\">").append(ReportModel.PEER_SPEED)
                    .append("</a>; ratio = DL4J ms / PyTorch ms (above 1: DL4J is slower).</p>\n<div class=\"scroll\">"
                            + "<table>\n<tr><th>network</th><th>operation</th><th>DL4J [ms]</th><th>PyTorch [ms]</th>"
                            + "<th>ratio</th></tr>\n");
            for (ReportModel.PeerSpeed.Entry e : m.peerSpeed().get().entries()) {
                h.append("<tr><td>").append(html(e.network())).append("</td><td>").append(html(e.operation()))
                        .append("</td><td>").append(num(e.dl4jMs())).append("</td><td>").append(num(e.torchMs()))
                        .append("</td><td>").append(num(e.ratio())).append("</td></tr>\n");
            }
            h.append("</table></div>\n");
        }
    }

    // ------------------------------------------------------------------ provenance and records

    private static void provenance(StringBuilder h, ReportModel m) {
        h.append("<section id=\"provenance\">\n<h2>Provenance and stand-ins</h2>\n");
        h.append("<p class=\"small\">Report rendered on ").append(html(System.getProperty("java.vm.name"))).append(' ')
                .append(html(System.getProperty("java.version"))).append(", ").append(html(System.getProperty("os.name")))
                .append(' ').append(html(System.getProperty("os.arch"))).append(".</p>\n");
        if (m.provenance().isEmpty()) {
            h.append("<p>No records, so no provenance.</p>\n");
        } else {
            h.append("<div class=\"scroll\"><table>\n<tr><th>commit</th><th>dirty</th><th>backend</th><th>CPU / GPU</th>"
                    + "<th>cores</th><th>DL4J, JVM, OS</th><th>ran</th><th>run time</th><th>files</th></tr>\n");
            for (ReportModel.Provenance p : m.provenance()) {
                h.append("<tr><td><code>").append(html(p.commit())).append("</code></td><td")
                        .append(p.dirty() ? " class=\"fail\">yes: uncommitted changes" : ">no").append("</td><td>")
                        .append(html(p.backend())).append("</td><td>").append(html(p.cpu()))
                        .append(p.gpu().isBlank() ? "" : " / " + html(p.gpu())).append("</td><td>").append(html(p.cores()))
                        .append("</td><td>").append(html(String.join(", ", List.of(p.dl4j(), p.jvm(), p.os()))))
                        .append("</td><td>").append(html(dates(p))).append("</td><td>").append(html(duration(p.runSeconds())))
                        .append("</td><td>").append(p.files().size()).append("</td></tr>\n");
            }
            h.append("</table></div>\n");
        }
        if (!m.datasetChecksums().isEmpty()) {
            h.append("<h3>Dataset checksums (SHA-256, as recorded by the runs)</h3>\n<div class=\"scroll\"><table>\n"
                    + "<tr><th>dataset</th><th>SHA-256</th></tr>\n");
            m.datasetChecksums().forEach((k, v) -> h.append("<tr><td>").append(html(k)).append("</td><td><code>")
                    .append(html(v)).append("</code></td></tr>\n"));
            h.append("</table></div>\n");
        }
        if (!m.standIns().isEmpty()) {
            h.append("<h3>Stand-ins and the configuration the runs used</h3>\n<div class=\"scroll\"><table>\n"
                    + "<tr><th>experiment</th><th>stand-in</th><th>paper setting</th><th>configuration (from the records)"
                    + "</th><th>tuning</th></tr>\n");
            for (ReportModel.StandIn s : m.standIns()) {
                h.append("<tr><td>").append(html(s.experiment())).append(" (").append(s.scale().id()).append(")</td><td>")
                        .append(html(s.standIn())).append("</td><td>").append(html(s.paperSetting())).append("</td><td>")
                        .append(html(s.config())).append("</td><td>");
                if (s.tuning().isEmpty()) {
                    h.append("none");
                }
                s.tuning().forEach(t -> h.append("<a href=\"").append(html(t)).append("\">")
                        .append(html(t.substring(t.indexOf('/') + 1))).append("</a> "));
                h.append("</td></tr>\n");
            }
            h.append("</table></div>\n");
        }
        h.append("</section>\n");
    }

    static String dates(ReportModel.Provenance p) {
        if (p.firstStart() == null && p.lastFinish() == null) {
            return "not recorded";
        }
        return Objects.toString(p.firstStart(), "?") + " → " + Objects.toString(p.lastFinish(), "?");
    }

    static String duration(double seconds) {
        if (!(seconds > 0)) {
            return "not recorded";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    private static void records(StringBuilder h, ReportModel m) {
        h.append("<section id=\"records\">\n<h2>Records</h2>\n");
        if (m.records().isEmpty()) {
            h.append("<p>No run records under <code>runs/</code>.</p>\n");
        } else {
            h.append("<div class=\"scroll\"><table>\n<tr><th>record</th><th>method</th><th>seed</th><th>status</th>"
                    + "<th>final train loss</th><th>final test error</th></tr>\n");
            for (ReportModel.RecordRow r : m.records()) {
                h.append("<tr><td><a href=\"").append(html(r.link())).append("\"><code>")
                        .append(html(r.link().substring(r.link().indexOf('/') + 1))).append("</code></a></td><td>")
                        .append(html(r.group())).append("</td><td>").append(r.seed()).append("</td><td>")
                        .append(html(r.status())).append("</td><td>").append(num(r.finalTrainLoss())).append("</td><td>")
                        .append(num(r.finalTestError())).append("</td></tr>\n");
            }
            h.append("</table></div>\n");
        }
        if (!m.otherFiles().isEmpty()) {
            h.append("<h3 id=\"files\">Other files</h3>\n<ul>\n");
            m.otherFiles().forEach((f, d) -> h.append("<li><a href=\"").append(html(f)).append("\"><code>")
                    .append(html(f)).append("</code></a>: ").append(html(d)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }

    static String cell(JsonNode v) {
        if (v.isNumber()) {
            return num(v.asDouble());
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

}
