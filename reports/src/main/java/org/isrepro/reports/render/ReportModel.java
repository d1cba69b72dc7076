package org.isrepro.reports.render;

import com.fasterxml.jackson.databind.JsonNode;
import org.isrepro.reports.analysis.Band;
import org.isrepro.reports.analysis.Curves;
import org.isrepro.reports.analysis.Finals;
import org.isrepro.reports.claims.Claim;
import org.isrepro.reports.claims.ClaimRegistry;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.claims.Verdict;
import org.isrepro.reports.figures.FigureRef;
import org.isrepro.reports.figures.Figures;
import org.isrepro.reports.figures.Section;
import org.isrepro.reports.records.CheckFile;
import org.isrepro.reports.records.Json;
import org.isrepro.reports.records.Point;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.RunRecord;
import org.isrepro.reports.records.Scale;
import org.isrepro.reports.text.Numbers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.isrepro.records.MethodIds.GRADIENT_NORM;
import static org.isrepro.records.MethodIds.LOSS;
import static org.isrepro.records.MethodIds.RAIS;
import static org.isrepro.records.MethodIds.UNIFORM;
import static org.isrepro.records.MethodIds.UPPER_BOUND;

/** What both renderings show, computed once. Paths are relative to the output directory. */
public record ReportModel(String generatedAt, Results results, List<ClaimResult> claims, List<FigureRef> figures,
                          List<Provenance> provenance, List<StandIn> standIns, List<RecordRow> records,
                          Map<String, String> otherFiles, Set<Scale> scales, List<ExperimentLine> experiments,
                          List<String> warnings, Map<String, String> datasetChecksums, Optional<PeerSpeed> peerSpeed) {

    public static final String PEER_SPEED = "peer-speed.json";
    public static final String PEER_SPEED_SCHEMA = "isrepro.peer-speed/1";
    public static final String TUNING = "tuning";

    /** One distinct provenance, the files that carry it, when they ran and for how long. */
    public record Provenance(String commit, boolean dirty, String backend, String cpu, String gpu, String dl4j,
                             String jvm, String os, String cores, List<String> files, String firstStart,
                             String lastFinish, double runSeconds) {
    }

    /** An experiment at a scale: what stood in for what, with the configuration the records state. */
    public record StandIn(String experiment, Scale scale, String standIn, String paperSetting, String config,
                          List<String> tuning) {
    }

    public record RecordRow(String link, String experiment, String group, long seed, String scale, String status,
                            double finalTrainLoss, double finalTestError, String budget) {
    }

    /**
     * The summary line of one experiment at its highest scale: the headline ratio of its claim (with the
     * claim's interval when it has one) or, without a claim estimate, upper-bound (or RAIS) over uniform final
     * training loss from the seed means; the paper's value and the verdict come from the claim.
     */
    public record ExperimentLine(Section section, String experiment, Scale scale, int seeds, String headline,
                                 String paperValue, ClaimResult claim, List<String> notes) {
    }

    /** {@code peer-speed.json}: DL4J against PyTorch on the same networks and operations. */
    public record PeerSpeed(String file, List<Entry> entries) {
        public record Entry(String network, String operation, double dl4jMs, double torchMs, double ratio) {
        }
    }

    /** The methods that run Algorithm 1 and switch importance sampling on when tau exceeds tau_th. */
    static final Set<String> ALGORITHM_1 = Set.of(LOSS, UPPER_BOUND, GRADIENT_NORM);

    /** The claim whose statistic headlines each experiment's summary line. */
    private static final Map<String, String> HEADLINE_CLAIM = Map.of("wrn-cifar10", "cifar10-train-loss",
            "wrn-cifar100", "cifar100-train-loss", "resnet50-mit67", "mit67-test-error", "lstm-permuted-mnist",
            "lstm-train-loss", "presample-ablation", "presample-ablation");

    public static ReportModel build(Results r, List<ClaimResult> claims, List<FigureRef> figures, String generatedAt) {
        Map<List<String>, Acc> prov = new LinkedHashMap<>();
        Map<String, String> checksums = new TreeMap<>();
        List<RecordRow> rows = new ArrayList<>();
        Set<Scale> scales = new TreeSet<>();
        for (RunRecord run : r.runs()) {
            String rel = relative(r, run.file());
            addProvenance(prov, run.provenance(), rel, run.summary().wallSeconds());
            addChecksums(checksums, run.provenance());
            scales.add(run.scale());
            Point last = run.last();
            rows.add(new RecordRow(rel, run.experiment(), run.group(), run.seed(), run.scale().id(), run.status(),
                    last == null ? Double.NaN : last.trainLoss(), last == null ? Double.NaN : last.testError(),
                    Objects.toString(run.budget(), "")));
        }
        List<String> tuningFiles = listFiles(r.outDir().resolve(TUNING)).stream().map(p -> TUNING + "/" + p).toList();
        List<StandIn> standIns = new ArrayList<>();
        List<String> experimentIds = new ArrayList<>(r.experiments());
        experimentIds.sort(Comparator.comparing(Section::ofExperiment).thenComparing(e -> e));
        for (String exp : experimentIds) {
            for (Scale s : Scale.values()) {
                List<RunRecord> runs = r.runs(exp, s);
                if (runs.isEmpty()) {
                    continue;
                }
                String standIn = runs.stream().map(RunRecord::standIn).filter(Objects::nonNull).findFirst()
                        .orElse(s == Scale.PAPER ? "the paper's setting" : "not recorded");
                String paper = runs.stream().map(x -> x.config().paperSetting()).filter(Objects::nonNull)
                        .findFirst().orElse("not recorded");
                List<String> tuning = tuningFiles.stream().filter(f -> f.startsWith(TUNING + "/" + exp + "__")
                        && f.endsWith("__" + s.id() + ".json")).toList();
                standIns.add(new StandIn(exp, s, standIn, paper, configText(runs), tuning));
            }
        }
        Map<String, String> other = new LinkedHashMap<>();
        r.ablation().ifPresent(a -> {
            addProvenance(prov, a.provenance(), Results.ABLATION, Double.NaN);
            addChecksums(checksums, a.provenance());
            scales.add(a.scale());
            standIns.add(0, new StandIn("ablation-4.1", a.scale(), a.standIn() == null ? "the paper's setting"
                    : a.standIn(), "not recorded", "",
                    List.of()));
            other.put(Results.ABLATION, "§4.1 ablation (" + a.checkpoints().size() + " checkpoints)");
        });
        r.benchRatios().ifPresent(b -> {
            addProvenance(prov, b.provenance(), Results.BENCH_RATIOS, Double.NaN);
            other.put(Results.BENCH_RATIOS, "benchmark ratios (" + b.ratios().size() + ")");
        });
        r.jmh().ifPresent(j -> other.put(Results.JMH, "JMH results (" + j.size() + " benchmarks)"));
        r.checks().values().forEach(c -> {
            String rel = relative(r, c.file());
            addProvenance(prov, c.provenance(), rel, Double.NaN);
            addChecksums(checksums, c.provenance());
            try {
                scales.add(Scale.parse(c.scale()));
            } catch (IllegalArgumentException e) {
                // a check without a training scale (e.g. a pure timing) adds none
            }
            other.put(rel, "reviewer check: " + Objects.toString(c.title(), c.id()));
        });
        Optional<PeerSpeed> peer = readPeerSpeed(r.outDir());
        peer.ifPresent(p -> other.put(PEER_SPEED, "DL4J vs PyTorch speed (" + p.entries().size() + " entries)"));
        tuningFiles.forEach(f -> other.put(f, "tuning record (hyper-parameters chosen on validation)"));
        List<Provenance> ps = new ArrayList<>();
        prov.forEach((k, a) -> ps.add(new Provenance(k.get(0), Boolean.parseBoolean(k.get(1)), k.get(2), k.get(3),
                k.get(4), k.get(5), k.get(6), k.get(7), k.get(8), List.copyOf(a.files), a.first, a.last, a.seconds)));
        List<ExperimentLine> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<String, ClaimResult> byId = new LinkedHashMap<>();
        claims.forEach(c -> byId.put(c.id(), c));
        for (String exp : experimentIds) {
            if (Figures.tuningRuns(exp)) {
                continue;
            }
            Scale s = r.runs(exp).stream().filter(x -> x.completed() || x.diverged()).map(RunRecord::scale)
                    .max(Comparator.naturalOrder()).orElse(null);
            if (s == null) {
                continue;
            }
            lines.add(experimentLine(r, exp, s, byId, warnings));
        }
        long neverOn = lines.stream().filter(l -> l.notes().stream().anyMatch(n -> n.startsWith("importance"))).count();
        if (neverOn > 0) {
            warnings.add("Importance sampling never switched on in " + neverOn + " of " + lines.size() + " experiments "
                    + "(tau stayed below tau_th): there, the importance-sampling methods trained as uniform did; the "
                    + "experiment lines above name them.");
        }
        long identical = lines.stream().filter(l -> l.notes().stream().anyMatch(n -> n.startsWith("identical")))
                .count();
        if (identical > 0) {
            warnings.add(identical + " experiment(s) have methods with identical training-loss curves (noted in their "
                    + "lines and figure captions; the curves are drawn on top of each other).");
        }
        long oneSeed = lines.stream().filter(l -> l.seeds() == 1).count();
        if (oneSeed > 0) {
            warnings.add(oneSeed + " of " + lines.size() + " experiments have one seed per method: no interval over "
                    + "seeds, so no comparison of theirs can be more than a single observation.");
        }
        long running = r.runs().stream().filter(x -> !x.completed() && !x.diverged()).count();
        if (running > 0) {
            warnings.add(running + " record(s) are unfinished (status running) and left out of curves and claims.");
        }
        long diverged = r.runs().stream().filter(RunRecord::diverged).count();
        if (diverged > 0) {
            warnings.add(diverged + " run(s) diverged; their groups lose every lower-is-better comparison.");
        }
        return new ReportModel(generatedAt, r, claims, figures, ps, standIns, rows, other, scales, lines, warnings,
                checksums, peer);
    }

    private static ExperimentLine experimentLine(Results r, String exp, Scale s, Map<String, ClaimResult> claims,
                                                 List<String> warnings) {
        List<RunRecord> runs = r.runs(exp, s).stream().filter(x -> x.completed() || x.diverged()).toList();
        Map<String, List<RunRecord>> groups = Curves.byGroup(runs);
        int seeds = groups.values().stream().mapToInt(List::size).max().orElse(0);
        List<String> notes = new ArrayList<>();
        // importance sampling that never switched on: Algorithm 1 methods with a tau threshold and no IS step
        List<String> neverOn = new ArrayList<>();
        for (Map.Entry<String, List<RunRecord>> g : groups.entrySet()) {
            List<RunRecord> seedsOf = g.getValue();
            boolean algorithm1 = seedsOf.stream().allMatch(x -> ALGORITHM_1.contains(x.method()));
            if (!algorithm1) {
                continue;
            }
            boolean never = seedsOf.stream().allMatch(x -> x.summary().isIterations() == 0);
            if (never) {
                double maxTau = seedsOf.stream().flatMap(x -> x.series().stream()).mapToDouble(Point::tau)
                        .filter(Double::isFinite).max().orElse(Double.NaN);
                neverOn.add(g.getKey() + " (max tau " + Text.num(maxTau) + ", tau_th "
                        + Text.num(seedsOf.get(0).config().tauTh()) + ")");
            }
        }
        if (!neverOn.isEmpty()) {
            notes.add("importance sampling never switched on: " + String.join(", ", neverOn));
        }
        Map<String, Band> bands = new LinkedHashMap<>();
        var axis = Figures.primaryAxis(s, runs);
        groups.forEach((k, v) -> {
            Band b = Curves.band(v, axis.value, Point::trainLoss, false);
            if (!b.isEmpty()) {
                bands.put(k, b);
            }
        });
        Map<String, String> identical = Figures.identicalTo(bands);
        if (!identical.isEmpty()) {
            List<String> pairs = new ArrayList<>();
            identical.forEach((k, v) -> pairs.add(k + " = " + v));
            notes.add("identical training-loss curves: " + String.join(", ", pairs));
        }

        ClaimResult claim = claims.get(headlineClaimId(exp));
        String headline;
        if (claim != null && claim.estimateOf(exp) != null && claim.scale().equals(s.id())) {
            headline = Text.estimate(claim.estimateOf(exp));
        } else {
            Finals f = Finals.of(runs, exp, s);
            String other = f.has(UPPER_BOUND) ? UPPER_BOUND : f.has(RAIS) ? RAIS : null;
            if (f.has(UNIFORM) && other != null) {
                double ratio = f.get(other).trainLoss() / f.get(UNIFORM).trainLoss();
                headline = other + "/uniform final training loss " + Text.num(ratio) + " (ratio of "
                        + "seed means, n=" + Math.min(f.get(other).seeds(), f.get(UNIFORM).seeds())
                        + (Math.min(f.get(other).seeds(), f.get(UNIFORM).seeds()) == 1 ? ", no interval" : "") + ")";
            } else if (claim != null && !claim.headline().isBlank()) {
                headline = claim.headline();
            } else {
                headline = groups.size() + " group(s): " + String.join(", ", groups.keySet());
            }
        }
        return new ExperimentLine(Section.ofExperiment(exp), exp, s, seeds, headline,
                claim == null ? "" : claim.paperValue(), claim, List.copyOf(notes));
    }

    static String headlineClaimId(String experiment) {
        if (experiment.startsWith("rais-")) {
            return "rais-speedup";
        }
        if (experiment.startsWith("vr-")) {
            return "vr-methods";
        }
        return HEADLINE_CLAIM.get(experiment);
    }

    private static String configText(List<RunRecord> runs) {
        List<String> parts = new ArrayList<>();
        distinct(parts, "model", runs, x -> x.config().model());
        distinct(parts, "b", runs, x -> Text.num(x.config().batchSize()));
        distinct(parts, "B", runs, x -> Text.num(x.config().presample()));
        distinct(parts, "tau_th", runs, x -> Text.num(x.config().tauTh()));
        distinct(parts, "budget", runs, RunRecord::budget);
        distinct(parts, "evaluations", runs, x -> Text.num(x.config().evaluations()));
        distinct(parts, "train-loss subset", runs, x -> Text.num(x.config().trainEvalSize()));
        distinct(parts, "test set", runs, x -> Text.num(x.config().testEvalSize()));
        parts.add(runs.stream().map(RunRecord::seed).distinct().count() + " seed(s)");
        return String.join("; ", parts);
    }

    private static void distinct(List<String> parts, String name, List<RunRecord> runs,
                                 java.util.function.Function<RunRecord, String> f) {
        Set<String> v = new LinkedHashSet<>();
        runs.forEach(x -> {
            String s = f.apply(x);
            if (s != null && !s.isBlank() && !s.equals(Numbers.MISSING)) {
                v.add(s);
            }
        });
        if (!v.isEmpty()) {
            parts.add(name + " " + String.join(" / ", v));
        }
    }

    private static final class Acc {
        final List<String> files = new ArrayList<>();
        String first;
        String last;
        double seconds;
    }

    private static void addProvenance(Map<List<String>, Acc> prov, org.isrepro.records.Provenance p, String file, double seconds) {
        List<String> key;
        if (p == null) {
            key = List.of("(none recorded)", "false", "", "", "", "", "", "", "");
        } else {
            key = List.of(Objects.toString(p.gitCommit(), "?"), String.valueOf(Boolean.TRUE.equals(p.gitDirty())),
                    s(p.backend()), s(p.cpu()), s(p.gpu()), s(p.dl4jVersion()), s(p.jvm()), s(p.os()),
                    s(p.cores()));
        }
        Acc a = prov.computeIfAbsent(key, k -> new Acc());
        a.files.add(file);
        if (p != null) {
            String start = p.startedAt();
            String finish = p.finishedAt();
            if (start != null && (a.first == null || start.compareTo(a.first) < 0)) {
                a.first = start;
            }
            if (finish != null && (a.last == null || finish.compareTo(a.last) > 0)) {
                a.last = finish;
            }
            if (!Double.isFinite(seconds) && start != null && finish != null) {
                try {
                    seconds = Duration.between(Instant.parse(start), Instant.parse(finish)).toMillis() / 1000.0;
                } catch (RuntimeException e) {
                    seconds = Double.NaN;
                }
            }
        }
        if (Double.isFinite(seconds)) {
            a.seconds += seconds;
        }
    }

    private static void addChecksums(Map<String, String> out, org.isrepro.records.Provenance p) {
        if (p == null || p.datasetChecksums() == null) {
            return;
        }
        new TreeMap<>(p.datasetChecksums()).forEach((k, v) -> {
            String prev = out.putIfAbsent(k, v);
            if (prev != null && !prev.equals(v) && !prev.contains(v)) {
                out.put(k, prev + " | " + v);
            }
        });
    }

    private static String s(Object v) {
        return Objects.toString(v, "");
    }

    private static List<String> listFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Reads {@code peer-speed.json} when present; a malformed file stops the report with its path. */
    static Optional<PeerSpeed> readPeerSpeed(Path out) {
        Path f = out.resolve(PEER_SPEED);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        JsonNode n = Json.read(f);
        Json.requireSchema(n, PEER_SPEED_SCHEMA, f);
        JsonNode entries = n.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new IllegalArgumentException(f + ": missing 'entries' array");
        }
        List<PeerSpeed.Entry> list = new ArrayList<>();
        for (JsonNode e : entries) {
            list.add(new PeerSpeed.Entry(Json.required(e, "network", f), Json.required(e, "operation", f),
                    Json.num(e, "dl4jMs"), Json.num(e, "torchMs"), Json.num(e, "ratio")));
        }
        return Optional.of(new PeerSpeed(PEER_SPEED, List.copyOf(list)));
    }

    static String relative(Results r, Path file) {
        return r.outDir().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
    }

    public long count(Verdict v) {
        return claims.stream().filter(c -> c.verdict() == v).count();
    }

    /** Informational claims: their criterion says so; they pass whenever the measurement exists. */
    public static boolean informational(ClaimResult c) {
        return c.criterion() != null && c.criterion().startsWith("informational");
    }

    /** Judged claims (not informational) with a given verdict. */
    public long judged(Verdict v) {
        return claims.stream().filter(c -> !informational(c) && c.verdict() == v).count();
    }

    public long informationalWithMeasurement() {
        return claims.stream().filter(c -> informational(c) && c.verdict() != Verdict.NOT_RUN).count();
    }

    /** The highest scale any input was produced at (null when nothing ran). */
    public Scale topScale() {
        return scales.isEmpty() ? null : ((TreeSet<Scale>) new TreeSet<>(scales)).last();
    }

    /** The criterion of the scale a claim was judged at, and the others (empty when the claim has one only). */
    public record Criteria(String judged, Map<String, String> others) {
    }

    private static final Map<String, Claim> REGISTRY = new LinkedHashMap<>();

    static {
        ClaimRegistry.all().forEach(c -> REGISTRY.put(c.id, c));
    }

    public static Criteria criteria(ClaimResult c) {
        Claim decl = REGISTRY.get(c.id());
        if (decl == null || decl.scaleFree()) {
            return new Criteria(c.criterion(), Map.of());
        }
        Scale judgedAt;
        try {
            judgedAt = Scale.parse(c.scale());
        } catch (IllegalArgumentException e) {
            judgedAt = null;
        }
        Map<String, String> others = new LinkedHashMap<>();
        for (Scale s : Scale.values()) {
            if (s != judgedAt) {
                others.put(s.id(), Objects.toString(decl.criterion(s), "not judged"));
            }
        }
        String judged = judgedAt == null ? "no input, so no scale to judge at"
                : Objects.toString(decl.criterion(judgedAt), "not judged at " + judgedAt.id() + " scale");
        return new Criteria(judged, others);
    }

    /** Figures shown on the page, by section then subsection, in rendering order. */
    public Map<Section, Map<String, List<FigureRef>>> figuresBySection() {
        Map<Section, Map<String, List<FigureRef>>> m = new EnumMap<>(Section.class);
        figures.stream().filter(FigureRef::shown).forEach(f -> m.computeIfAbsent(f.section(), k -> new LinkedHashMap<>())
                .computeIfAbsent(f.group(), k -> new ArrayList<>()).add(f));
        return m;
    }

    /** Figures linked from a shown figure (the same curves on other clocks). */
    public List<FigureRef> linkedFrom(FigureRef f) {
        return figures.stream().filter(x -> f.id().equals(x.parent())).toList();
    }

    public long shownFigures() {
        return figures.stream().filter(FigureRef::shown).count();
    }

    public List<CheckFile> checks(Section s) {
        return results.checks().values().stream().filter(c -> Section.ofCheck(c.id()) == s).toList();
    }

    public List<ClaimResult> claims(Section s) {
        return claims.stream().filter(c -> Section.ofClaimSource(c.source()) == s).toList();
    }

    public boolean nothingRan() {
        return results.isEmpty();
    }
}
