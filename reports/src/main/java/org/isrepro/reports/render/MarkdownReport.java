package org.isrepro.reports.render;

import com.fasterxml.jackson.databind.JsonNode;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.claims.Verdict;
import org.isrepro.reports.figures.FigureRef;
import org.isrepro.reports.figures.Section;
import org.isrepro.reports.records.BenchRatios;
import org.isrepro.reports.records.CheckFile;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.isrepro.reports.render.Text.md;
import static org.isrepro.reports.render.Text.num;

/** {@code report.md}: the same content and order as index.html, in Markdown. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(ReportModel m) {
        StringBuilder s = new StringBuilder();
        s.append("# Importance sampling for deep learning — reproduction report\n\n");
        s.append("Generated ").append(m.generatedAt()).append(" from the records only; nothing here trained.\n\n");
        s.append("## Summary\n\n> **").append(m.topScale() == null ? "Nothing has run yet" : m.topScale().id().toUpperCase())
                .append("** — ").append(HtmlReport.bannerText(m)).append("\n\n");
        s.append(HtmlReport.countsText(m)).append(" Details in [claims.json](claims.json).\n\n");
        if (!m.experiments().isEmpty()) {
            s.append("| part | experiment | headline (95% interval, n seeds) | paper | verdict |\n|---|---|---|---|---|\n");
            for (ReportModel.ExperimentLine l : m.experiments()) {
                s.append("| ").append(HtmlReport.shortTitle(l.section())).append(" | ").append(l.experiment()).append(" (")
                        .append(l.scale().id()).append(", ").append(l.seeds()).append(" seed(s)) | ").append(md(l.headline()))
                        .append(l.notes().isEmpty() ? "" : " ⚠ " + md(String.join("; ", l.notes()))).append(" | ")
                        .append(md(l.paperValue())).append(" | ")
                        .append(l.claim() == null ? "" : l.claim().verdict().id()).append(" |\n");
            }
            s.append('\n');
        }
        if (!m.warnings().isEmpty()) {
            s.append("**Warnings**\n\n");
            m.warnings().forEach(w -> s.append("- ").append(w).append('\n'));
            s.append('\n');
        }
        if (!m.results().problems().isEmpty()) {
            s.append("## Problems\n\nThese input files could not be read and are left out of this report:\n\n");
            for (org.isrepro.reports.records.Results.Problem p : m.results().problems()) {
                s.append("- `").append(ReportModel.relative(m.results(), p.file())).append("`: ").append(md(p.reason()))
                        .append("\n");
            }
            s.append("\n");
        }
        HtmlReport.Notes notes = new HtmlReport.Notes(m.claims());
        s.append("## Claims: paper against measured\n\n| claim | paper | measured | verdict (scale) | criterion | reason |\n"
                + "|---|---|---|---|---|---|\n");
        for (ClaimResult c : m.claims()) {
            Integer n = c.reason() == null ? null : notes.number.get(c.reason());
            s.append("| `").append(c.id()).append("` ").append(md(c.source())).append(" | ").append(md(c.paperValue()))
                    .append(" | ").append(md(ClaimText.measured(c))).append(" | **").append(c.verdict().id())
                    .append("** (").append(c.scale()).append(") | ").append(md(ReportModel.criteria(c).judged()))
                    .append(" | ").append(c.reason() == null ? "" : n == null ? md(c.reason()) : "note " + n).append(" |\n");
        }
        if (!notes.number.isEmpty()) {
            s.append('\n');
            notes.number.forEach((r, n) -> s.append(n).append(". ").append(r).append('\n'));
        }
        s.append('\n').append(FrameworkTable.markdown(m.claims()));
        for (Section sec : Section.values()) {
            if (!HtmlReport.hasContent(m, sec)) {
                continue;
            }
            s.append("## ").append(sec.title).append("\n\n");
            List<ClaimResult> cs = m.claims(sec);
            if (!cs.isEmpty()) {
                s.append("Claims: ").append(String.join(", ", cs.stream().map(c -> "`" + c.id() + "` "
                        + c.verdict().id()).toList())).append("\n\n");
            }
            for (Map.Entry<String, List<FigureRef>> g : m.figuresBySection().getOrDefault(sec, Map.of()).entrySet()) {
                s.append("### ").append(g.getKey()).append("\n\n");
                for (FigureRef f : g.getValue()) {
                    s.append("![").append(md(f.title()).replace("[", "(").replace("]", ")")).append("](").append(f.png())
                            .append(")\n\n*").append(md(f.title())).append(".* ").append(md(f.caption())).append(" [SVG](")
                            .append(f.svg()).append(")");
                    for (FigureRef l : m.linkedFrom(f)) {
                        s.append(" · [").append(l.linkLabel()).append("](").append(l.png()).append(")");
                    }
                    s.append("\n\n");
                }
            }
            for (CheckFile c : m.checks(sec)) {
                s.append("### ").append(Objects.toString(c.title(), c.id())).append(" (").append(c.scale())
                        .append(" scale, [").append(c.id()).append(".json](")
                        .append(ReportModel.relative(m.results(), c.file())).append("))\n\n")
                        .append(Objects.toString(c.description(), "")).append("\n\n");
                for (CheckFile.Table t : c.tables()) {
                    s.append("**").append(md(t.title())).append("**\n\n|");
                    t.columns().forEach(col -> s.append(' ').append(md(col)).append(" |"));
                    s.append("\n|");
                    t.columns().forEach(col -> s.append("---|"));
                    s.append('\n');
                    for (List<JsonNode> row : t.rows()) {
                        s.append('|');
                        row.forEach(v -> s.append(' ').append(md(HtmlReport.cell(v))).append(" |"));
                        s.append('\n');
                    }
                    s.append('\n');
                }
            }
            if (sec == Section.BENCHMARKS) {
                benchmarks(s, m);
            }
        }
        s.append("## Provenance and stand-ins\n\n");
        if (m.provenance().isEmpty()) {
            s.append("No records, so no provenance.\n\n");
        } else {
            s.append("| commit | dirty | backend | CPU | cores | DL4J, JVM, OS | ran | run time | files |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n");
            for (ReportModel.Provenance p : m.provenance()) {
                s.append("| `").append(md(p.commit())).append("` | ").append(p.dirty() ? "**yes**" : "no").append(" | ")
                        .append(md(p.backend())).append(" | ").append(md(p.cpu())).append(" | ").append(md(p.cores()))
                        .append(" | ").append(md(p.dl4j() + ", " + p.jvm() + ", " + p.os())).append(" | ")
                        .append(md(HtmlReport.dates(p))).append(" | ").append(HtmlReport.duration(p.runSeconds()))
                        .append(" | ").append(p.files().size()).append(" |\n");
            }
            s.append('\n');
        }
        if (!m.datasetChecksums().isEmpty()) {
            s.append("| dataset | SHA-256 |\n|---|---|\n");
            m.datasetChecksums().forEach((k, v) -> s.append("| ").append(md(k)).append(" | `").append(md(v)).append("` |\n"));
            s.append('\n');
        }
        if (!m.standIns().isEmpty()) {
            s.append("| experiment | stand-in | paper setting | configuration | tuning |\n|---|---|---|---|---|\n");
            for (ReportModel.StandIn st : m.standIns()) {
                s.append("| ").append(st.experiment()).append(" (").append(st.scale().id()).append(") | ")
                        .append(md(st.standIn())).append(" | ").append(md(st.paperSetting())).append(" | ")
                        .append(md(st.config())).append(" | ")
                        .append(st.tuning().isEmpty() ? "none" : String.join(" ", st.tuning().stream()
                                .map(t -> "[" + t.substring(t.indexOf('/') + 1) + "](" + t + ")").toList()))
                        .append(" |\n");
            }
            s.append('\n');
        }
        s.append("## Records\n\n");
        if (m.records().isEmpty()) {
            s.append("No run records under `runs/`.\n");
        } else {
            s.append("| record | method | seed | status | final train loss | final test error |\n"
                    + "|---|---|---|---|---|---|\n");
            for (ReportModel.RecordRow r : m.records()) {
                s.append("| [").append(md(r.link().substring(r.link().indexOf('/') + 1))).append("](").append(r.link())
                        .append(") | ").append(md(r.group())).append(" | ").append(r.seed()).append(" | ").append(r.status())
                        .append(" | ").append(num(r.finalTrainLoss())).append(" | ").append(num(r.finalTestError()))
                        .append(" |\n");
            }
        }
        if (!m.otherFiles().isEmpty()) {
            s.append('\n');
            m.otherFiles().forEach((f, d) -> s.append("- [").append(f).append("](").append(f).append("): ")
                    .append(md(d)).append('\n'));
        }
        return s.toString();
    }

    private static void benchmarks(StringBuilder s, ReportModel m) {
        if (m.results().benchRatios().isEmpty()) {
            s.append("Benchmark ratios absent: no `benchmark-ratios.json` (written by `make bench`).\n\n");
        } else {
            s.append("| id | numerator / denominator | params | value | target | met | note |\n|---|---|---|---|---|---|---|\n");
            for (org.isrepro.records.BenchRatiosRecord.Ratio r : m.results().benchRatios().get().ratios()) {
                s.append("| `").append(r.id()).append("` | ").append(md(r.numerator())).append(" / ")
                        .append(md(r.denominator())).append(" | ").append(md(r.paramsText())).append(" | ")
                        .append(num(r.value())).append(" | ").append(md(r.target())).append(" | ")
                        .append(r.met() == null ? "" : r.met()).append(" | ").append(md(r.note())).append(" |\n");
            }
            s.append('\n');
        }
        if (m.peerSpeed().isEmpty()) {
            s.append("DL4J against PyTorch absent: no `").append(ReportModel.PEER_SPEED).append("`.\n\n");
        } else {
            s.append("DL4J against PyTorch, from [").append(ReportModel.PEER_SPEED).append("](")
                    .append(ReportModel.PEER_SPEED).append(") (ratio = DL4J / PyTorch):\n\n"
                            + "| network | operation | DL4J [ms] | PyTorch [ms] | ratio |\n|---|---|---|---|---|\n");
            for (ReportModel.PeerSpeed.Entry e : m.peerSpeed().get().entries()) {
                s.append("| ").append(md(e.network())).append(" | ").append(md(e.operation())).append(" | ")
                        .append(num(e.dl4jMs())).append(" | ").append(num(e.torchMs())).append(" | ").append(num(e.ratio()))
                        .append(" |\n");
            }
            s.append('\n');
        }
    }
}
