package org.isrepro.reports.render;

import com.fasterxml.jackson.databind.JsonNode;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.claims.Verdict;
import org.isrepro.reports.figures.FigureRef;
import org.isrepro.reports.records.Json;
import org.isrepro.reports.records.Point;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.RunRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What both renderings show, computed once. Paths are relative to the output directory. */
public record ReportModel(String generatedAt, Results results, List<ClaimResult> claims, List<FigureRef> figures,
                          List<Provenance> provenance, Map<String, String> standIns, List<RecordRow> records,
                          Map<String, String> otherFiles) {

    /** One distinct provenance and the files that carry it. */
    public record Provenance(String commit, String backend, String cpu, String gpu, String dl4j, String jvm, String os,
                             String cores, List<String> files) {
    }

    public record RecordRow(String link, String experiment, String group, long seed, String scale, String status,
                            double finalTrainLoss, double finalTestError, String budget) {
    }

    public static ReportModel build(Results r, List<ClaimResult> claims, List<FigureRef> figures, String generatedAt) {
        Map<List<String>, List<String>> prov = new LinkedHashMap<>();
        Map<String, String> standIns = new TreeMap<>();
        List<RecordRow> rows = new ArrayList<>();
        for (RunRecord run : r.runs()) {
            String rel = relative(r, run.file());
            addProvenance(prov, run.provenance(), rel);
            standIns.put(run.experiment() + " (" + run.scale().id() + ")",
                    run.standIn() == null ? "paper setting" : run.standIn());
            Point last = run.last();
            rows.add(new RecordRow(rel, run.experiment(), run.group(), run.seed(), run.scale().id(), run.status(),
                    last == null ? Double.NaN : last.trainLoss(), last == null ? Double.NaN : last.testError(),
                    Objects.toString(run.budget(), "")));
        }
        Map<String, String> other = new LinkedHashMap<>();
        r.ablation().ifPresent(a -> {
            addProvenance(prov, a.provenance(), Results.ABLATION);
            standIns.put("ablation-4.1 (" + a.scale().id() + ")", a.standIn() == null ? "paper setting" : a.standIn());
            other.put(Results.ABLATION, "§4.1 ablation (" + a.checkpoints().size() + " checkpoints)");
        });
        r.benchRatios().ifPresent(b -> {
            addProvenance(prov, b.provenance(), Results.BENCH_RATIOS);
            other.put(Results.BENCH_RATIOS, "benchmark ratios (" + b.ratios().size() + ")");
        });
        r.jmh().ifPresent(j -> other.put(Results.JMH, "JMH results (" + j.size() + " benchmarks)"));
        r.checks().values().forEach(c -> {
            String rel = relative(r, c.file());
            addProvenance(prov, c.provenance(), rel);
            other.put(rel, "reviewer check: " + Objects.toString(c.title(), c.id()));
        });
        List<Provenance> ps = new ArrayList<>();
        prov.forEach((k, files) -> ps.add(new Provenance(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), k.get(5),
                k.get(6), k.get(7), List.copyOf(files))));
        return new ReportModel(generatedAt, r, claims, figures, ps, standIns, rows, other);
    }

    private static void addProvenance(Map<List<String>, List<String>> prov, JsonNode p, String file) {
        if (p == null || p.isMissingNode() || p.isNull() || p.isEmpty()) {
            prov.computeIfAbsent(List.of("(none recorded)", "", "", "", "", "", "", ""), k -> new ArrayList<>())
                    .add(file);
            return;
        }
        String commit = Objects.toString(Json.str(p, "gitCommit"), "?")
                + (p.path("gitDirty").asBoolean(false) ? " (dirty)" : "");
        List<String> key = List.of(commit, s(p, "backend"), s(p, "cpu"), s(p, "gpu"), s(p, "dl4jVersion"), s(p, "jvm"),
                s(p, "os"), s(p, "cores"));
        prov.computeIfAbsent(key, k -> new ArrayList<>()).add(file);
    }

    private static String s(JsonNode p, String f) {
        return Objects.toString(Json.str(p, f), "");
    }

    static String relative(Results r, Path file) {
        return r.outDir().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    public long count(Verdict v) {
        return claims.stream().filter(c -> c.verdict() == v).count();
    }

    /** Figures grouped by section, in rendering order. */
    public Map<String, List<FigureRef>> figuresBySection() {
        Map<String, List<FigureRef>> m = new LinkedHashMap<>();
        figures.forEach(f -> m.computeIfAbsent(f.section(), k -> new ArrayList<>()).add(f));
        return m;
    }

    public boolean nothingRan() {
        return results.isEmpty();
    }
}
