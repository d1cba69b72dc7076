package org.isrepro.reports.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.claims.Verdict;
import org.isrepro.reports.figures.FigureRef;
import org.isrepro.reports.records.BenchRatios;
import org.isrepro.reports.records.CheckFile;
import org.isrepro.reports.records.Json;
import org.isrepro.reports.records.Results;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.isrepro.reports.render.Text.html;
import static org.isrepro.reports.render.Text.num;

/** {@code index.html}: inline CSS, no scripts; references only figure files and records under the output dir. */
public final class HtmlReport {
    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222}
            table{border-collapse:collapse;margin:1em 0;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
            th{background:#f3f3f3}
            .pass{background:#e3f5e1}.fail{background:#fbe0de}.not-run{background:#eee;color:#555}
            figure{margin:1.5em 0}figure img{max-width:100%;border:1px solid #ddd}
            figcaption{font-size:.85em;color:#444}
            details pre{white-space:pre-wrap;font-size:.8em;max-width:40em}
            .note{background:#fff6d5;padding:.6em 1em;border:1px solid #e6d48a}
            """;

    private HtmlReport() {
    }

    public static String render(ReportModel m) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>isrepro — what reproduced</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Not All Samples Are Created Equal — reproduction report</h1>\n");
        h.append("<p>Katharopoulos &amp; Fleuret, ICML 2018, and the RAIS-SGD checks. Generated ")
                .append(html(m.generatedAt())).append(" from <code>").append(html(m.results().outDir().toString()))
                .append("</code>. This page only reads records; nothing here trained.</p>\n");
        if (m.nothingRan()) {
            h.append("<p class=\"note\">Nothing has run yet: no run records, ablation, benchmark or check files were "
                    + "found. Every claim below is <b>not-run</b>.</p>\n");
        }
        h.append("<p>Claims: <b>").append(m.count(Verdict.PASS)).append("</b> pass, <b>").append(m.count(Verdict.FAIL))
                .append("</b> fail, <b>").append(m.count(Verdict.NOT_RUN)).append("</b> not-run (of ")
                .append(m.claims().size()).append("). Details in <a href=\"claims.json\">claims.json</a>.</p>\n");

        if (!m.results().problems().isEmpty()) {
            h.append("<h2 id=\"problems\">Problems</h2>\n<p>These input files could not be read and are left out of "
                    + "this report:</p>\n<ul>\n");
            for (Results.Problem p : m.results().problems()) {
                h.append("<li><code>").append(html(ReportModel.relative(m.results(), p.file()))).append("</code>: ")
                        .append(html(p.reason())).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("<h2 id=\"claims\">Claims: paper vs measured</h2>\n<table>\n<tr><th>claim</th><th>source</th>"
                + "<th>statement</th><th>paper</th><th>measured</th><th>scale</th><th>verdict</th><th>criterion</th>"
                + "<th>reason</th></tr>\n");
        for (ClaimResult c : m.claims()) {
            h.append("<tr class=\"").append(c.verdict().id()).append("\"><td><code>").append(html(c.id()))
                    .append("</code></td><td>").append(html(c.source())).append("</td><td>").append(html(c.statement()))
                    .append("</td><td>").append(html(c.paperValue())).append("</td><td>").append(html(c.headline()));
            if (!c.measured().isEmpty()) {
                h.append("<details><summary>numbers</summary><pre>").append(html(json(c.measured())))
                        .append("</pre></details>");
            }
            h.append("</td><td>").append(html(c.scale())).append("</td><td><b>").append(c.verdict().id())
                    .append("</b></td><td>").append(html(c.criterion())).append("</td><td>")
                    .append(html(Objects.toString(c.reason(), ""))).append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2 id=\"provenance\">Environment and provenance</h2>\n");
        h.append("<p>Report rendered on ").append(html(System.getProperty("java.vm.name"))).append(' ')
                .append(html(System.getProperty("java.version"))).append(", ").append(html(System.getProperty("os.name")))
                .append(' ').append(html(System.getProperty("os.arch"))).append(".</p>\n");
        if (m.provenance().isEmpty()) {
            h.append("<p>No records, so no provenance.</p>\n");
        } else {
            h.append("<table>\n<tr><th>commit</th><th>backend</th><th>CPU</th><th>GPU</th><th>DL4J</th><th>JVM</th>"
                    + "<th>OS</th><th>cores</th><th>files</th></tr>\n");
            for (ReportModel.Provenance p : m.provenance()) {
                h.append("<tr><td><code>").append(html(p.commit())).append("</code></td><td>").append(html(p.backend()))
                        .append("</td><td>").append(html(p.cpu())).append("</td><td>").append(html(p.gpu()))
                        .append("</td><td>").append(html(p.dl4j())).append("</td><td>").append(html(p.jvm()))
                        .append("</td><td>").append(html(p.os())).append("</td><td>").append(html(p.cores()))
                        .append("</td><td>").append(p.files().size()).append(" file(s)</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!m.standIns().isEmpty()) {
            h.append("<h3>Stand-ins</h3>\n<table>\n<tr><th>experiment (scale)</th><th>stand-in</th></tr>\n");
            m.standIns().forEach((k, v) -> h.append("<tr><td>").append(html(k)).append("</td><td>").append(html(v))
                    .append("</td></tr>\n"));
            h.append("</table>\n");
        }

        h.append("<h2 id=\"figures\">Figures</h2>\n");
        if (m.figures().isEmpty()) {
            h.append("<p>No figures: no inputs to draw from.</p>\n");
        }
        for (Map.Entry<String, List<FigureRef>> e : m.figuresBySection().entrySet()) {
            h.append("<h3>").append(html(e.getKey())).append("</h3>\n");
            for (FigureRef f : e.getValue()) {
                h.append("<figure id=\"").append(html(f.id())).append("\"><img src=\"").append(html(f.png()))
                        .append("\" alt=\"").append(html(f.title())).append("\"><figcaption>").append(html(f.title()))
                        .append(". ").append(html(f.caption())).append(" <a href=\"").append(html(f.svg()))
                        .append("\">SVG</a></figcaption></figure>\n");
            }
        }

        h.append("<h2 id=\"benchmarks\">Benchmark ratios</h2>\n");
        if (m.results().benchRatios().isEmpty()) {
            h.append("<p>No <code>benchmark-ratios.json</code>.</p>\n");
        } else {
            h.append("<table>\n<tr><th>id</th><th>numerator</th><th>denominator</th><th>params</th><th>value</th>"
                    + "<th>target</th><th>met</th><th>note</th></tr>\n");
            for (BenchRatios.Ratio r : m.results().benchRatios().get().ratios()) {
                h.append("<tr class=\"").append(r.met() == null ? "not-run" : r.met() ? "pass" : "fail")
                        .append("\"><td><code>").append(html(r.id())).append("</code></td><td>").append(html(r.numerator()))
                        .append("</td><td>").append(html(r.denominator())).append("</td><td>").append(html(r.paramsText()))
                        .append("</td><td>").append(num(r.value())).append("</td><td>").append(html(r.target()))
                        .append("</td><td>").append(r.met() == null ? "" : r.met()).append("</td><td>")
                        .append(html(r.note())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2 id=\"checks\">Reviewer checks</h2>\n");
        if (m.results().checks().isEmpty()) {
            h.append("<p>No files under <code>checks/</code>.</p>\n");
        }
        for (CheckFile c : m.results().checks().values()) {
            h.append("<h3>").append(html(Objects.toString(c.title(), c.id()))).append(" <small>(")
                    .append(html(c.scale())).append(" scale, <a href=\"").append(html(ReportModel.relative(m.results(),
                            c.file()))).append("\">").append(html(c.id())).append(".json</a>)</small></h3>\n<p>")
                    .append(html(c.description())).append("</p>\n");
            for (CheckFile.Table t : c.tables()) {
                h.append("<table>\n<caption>").append(html(t.title())).append("</caption>\n<tr>");
                t.columns().forEach(col -> h.append("<th>").append(html(col)).append("</th>"));
                h.append("</tr>\n");
                for (List<JsonNode> row : t.rows()) {
                    h.append("<tr>");
                    row.forEach(v -> h.append("<td>").append(html(cell(v))).append("</td>"));
                    h.append("</tr>\n");
                }
                h.append("</table>\n");
            }
        }

        h.append("<h2 id=\"records\">Records</h2>\n");
        if (m.records().isEmpty()) {
            h.append("<p>No run records under <code>runs/</code>.</p>\n");
        } else {
            h.append("<table>\n<tr><th>record</th><th>experiment</th><th>method</th><th>seed</th><th>scale</th>"
                    + "<th>status</th><th>final train loss</th><th>final test error</th><th>budget</th></tr>\n");
            for (ReportModel.RecordRow r : m.records()) {
                h.append("<tr><td><a href=\"").append(html(r.link())).append("\">").append(html(r.link()))
                        .append("</a></td><td>").append(html(r.experiment())).append("</td><td>").append(html(r.group()))
                        .append("</td><td>").append(r.seed()).append("</td><td>").append(html(r.scale())).append("</td><td>")
                        .append(html(r.status())).append("</td><td>").append(num(r.finalTrainLoss())).append("</td><td>")
                        .append(num(r.finalTestError())).append("</td><td>").append(html(r.budget())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!m.otherFiles().isEmpty()) {
            h.append("<ul>\n");
            m.otherFiles().forEach((f, d) -> h.append("<li><a href=\"").append(html(f)).append("\">").append(html(f))
                    .append("</a>: ").append(html(d)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    static String cell(JsonNode v) {
        if (v.isNumber()) {
            return num(v.asDouble());
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

    static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("measured values are not serialisable", e);
        }
    }
}
