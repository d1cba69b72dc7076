package org.isrepro.reports.render;

import com.fasterxml.jackson.databind.JsonNode;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.claims.Verdict;
import org.isrepro.reports.figures.FigureRef;
import org.isrepro.reports.records.BenchRatios;
import org.isrepro.reports.records.CheckFile;
import org.isrepro.reports.records.Results;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.isrepro.reports.render.Text.md;
import static org.isrepro.reports.render.Text.num;

/** {@code report.md}: the same content as index.html, in Markdown. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(ReportModel m) {
        StringBuilder s = new StringBuilder();
        s.append("# Not All Samples Are Created Equal — reproduction report\n\n");
        s.append("Generated ").append(m.generatedAt()).append(" from `").append(m.results().outDir())
                .append("`. This report only reads records; nothing here trained.\n\n");
        if (m.nothingRan()) {
            s.append("> **Nothing has run yet**: no run records, ablation, benchmark or check files were found. "
                    + "Every claim below is not-run.\n\n");
        }
        s.append("Claims: **").append(m.count(Verdict.PASS)).append("** pass, **").append(m.count(Verdict.FAIL))
                .append("** fail, **").append(m.count(Verdict.NOT_RUN)).append("** not-run (of ")
                .append(m.claims().size()).append("); details in [claims.json](claims.json).\n\n");
        if (!m.results().problems().isEmpty()) {
            s.append("## Problems\n\nThese input files could not be read and are left out of this report:\n\n");
            for (Results.Problem p : m.results().problems()) {
                s.append("- `").append(ReportModel.relative(m.results(), p.file())).append("`: ").append(md(p.reason()))
                        .append("\n");
            }
            s.append("\n");
        }
        s.append("## Claims: paper vs measured\n\n| claim | source | paper | measured | scale | verdict | criterion | reason |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (ClaimResult c : m.claims()) {
            s.append("| `").append(c.id()).append("` | ").append(md(c.source())).append(" | ").append(md(c.paperValue()))
                    .append(" | ").append(md(c.headline())).append(" | ").append(c.scale()).append(" | **")
                    .append(c.verdict().id()).append("** | ").append(md(c.criterion())).append(" | ")
                    .append(md(Objects.toString(c.reason(), ""))).append(" |\n");
        }
        s.append("\n## Environment and provenance\n\n");
        if (m.provenance().isEmpty()) {
            s.append("No records, so no provenance.\n");
        } else {
            s.append("| commit | backend | CPU | GPU | DL4J | JVM | OS | cores | files |\n|---|---|---|---|---|---|---|---|---|\n");
            for (ReportModel.Provenance p : m.provenance()) {
                s.append("| `").append(md(p.commit())).append("` | ").append(md(p.backend())).append(" | ")
                        .append(md(p.cpu())).append(" | ").append(md(p.gpu())).append(" | ").append(md(p.dl4j()))
                        .append(" | ").append(md(p.jvm())).append(" | ").append(md(p.os())).append(" | ")
                        .append(md(p.cores())).append(" | ").append(p.files().size()).append(" |\n");
            }
        }
        if (!m.standIns().isEmpty()) {
            s.append("\n| experiment (scale) | stand-in |\n|---|---|\n");
            m.standIns().forEach((k, v) -> s.append("| ").append(md(k)).append(" | ").append(md(v)).append(" |\n"));
        }
        s.append("\n## Figures\n\n");
        if (m.figures().isEmpty()) {
            s.append("No figures: no inputs to draw from.\n");
        }
        for (Map.Entry<String, List<FigureRef>> e : m.figuresBySection().entrySet()) {
            s.append("### ").append(e.getKey()).append("\n\n");
            for (FigureRef f : e.getValue()) {
                s.append("![").append(md(f.title()).replace("[", "(").replace("]", ")")).append("](").append(f.png())
                        .append(")\n\n*").append(md(f.title())).append(".* ").append(md(f.caption())).append(" [SVG](")
                        .append(f.svg()).append(")\n\n");
            }
        }
        s.append("## Benchmark ratios\n\n");
        if (m.results().benchRatios().isEmpty()) {
            s.append("No `benchmark-ratios.json`.\n\n");
        } else {
            s.append("| id | numerator | denominator | params | value | target | met | note |\n|---|---|---|---|---|---|---|---|\n");
            for (BenchRatios.Ratio r : m.results().benchRatios().get().ratios()) {
                s.append("| `").append(r.id()).append("` | ").append(md(r.numerator())).append(" | ")
                        .append(md(r.denominator())).append(" | ").append(md(r.paramsText())).append(" | ")
                        .append(num(r.value())).append(" | ").append(md(r.target())).append(" | ")
                        .append(r.met() == null ? "" : r.met()).append(" | ").append(md(r.note())).append(" |\n");
            }
            s.append('\n');
        }
        s.append("## Reviewer checks\n\n");
        if (m.results().checks().isEmpty()) {
            s.append("No files under `checks/`.\n\n");
        }
        for (CheckFile c : m.results().checks().values()) {
            s.append("### ").append(Objects.toString(c.title(), c.id())).append(" (").append(c.scale()).append(" scale, [")
                    .append(c.id()).append(".json](").append(ReportModel.relative(m.results(), c.file())).append("))\n\n")
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
        s.append("## Records\n\n");
        if (m.records().isEmpty()) {
            s.append("No run records under `runs/`.\n");
        } else {
            s.append("| record | experiment | method | seed | scale | status | final train loss | final test error | budget |\n"
                    + "|---|---|---|---|---|---|---|---|---|\n");
            for (ReportModel.RecordRow r : m.records()) {
                s.append("| [").append(md(r.link())).append("](").append(r.link()).append(") | ").append(r.experiment())
                        .append(" | ").append(md(r.group())).append(" | ").append(r.seed()).append(" | ").append(r.scale())
                        .append(" | ").append(r.status()).append(" | ").append(num(r.finalTrainLoss())).append(" | ")
                        .append(num(r.finalTestError())).append(" | ").append(md(r.budget())).append(" |\n");
            }
        }
        if (!m.otherFiles().isEmpty()) {
            s.append('\n');
            m.otherFiles().forEach((f, d) -> s.append("- [").append(f).append("](").append(f).append("): ")
                    .append(md(d)).append('\n'));
        }
        return s.toString();
    }
}
