package org.isrepro.reports.records;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The results of several output directories (one per shard or per machine, docs/cluster.md) as one
 * {@link Results} rooted at the report's own directory. A run recorded in more than one directory is kept
 * once: the most complete record (more evaluation points), then the latest
 * ({@code provenance.finishedAt}, else {@code startedAt}), then the earlier directory in the given order;
 * every such choice is listed in {@link #notes()}. Of the single-file results (§4.1 ablation, benchmark
 * ratios, JMH, each reviewer check) the first directory's is kept, and the others named.
 */
public record Merged(Results results, List<String> notes) {

    public static Merged load(Path reportDir, List<Path> inputs) {
        return load(reportDir, inputs, false);
    }

    /** The same; with {@code strict} an unreadable file in any input directory fails the load, naming it. */
    public static Merged load(Path reportDir, List<Path> inputs, boolean strict) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input directory to merge");
        }
        List<Results.Problem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<List<Object>, List<RunRecord>> byRun = new LinkedHashMap<>();
        Optional<Ablation41> ablation = Optional.empty();
        Optional<BenchRatios> ratios = Optional.empty();
        Optional<List<JmhResult>> jmh = Optional.empty();
        Path ablationFrom = null;
        Path ratiosFrom = null;
        Path jmhFrom = null;
        Map<String, CheckFile> checks = new LinkedHashMap<>();
        for (Path dir : inputs) {
            Results r = Results.load(dir, strict);
            problems.addAll(r.problems());
            for (RunRecord run : concat(r.runs(), r.otherFrameworks())) {
                byRun.computeIfAbsent(List.of(run.experiment(), run.method(), Objects.toString(run.variant(), ""),
                        run.seed(), run.scale(), run.framework()), k -> new ArrayList<>()).add(run);
            }
            if (r.ablation().isPresent()) {
                if (ablation.isEmpty()) {
                    ablation = r.ablation();
                    ablationFrom = dir;
                } else {
                    notes.add(Results.ABLATION + ": kept " + ablationFrom + "'s, ignored " + dir + "'s");
                }
            }
            if (r.benchRatios().isPresent()) {
                if (ratios.isEmpty()) {
                    ratios = r.benchRatios();
                    ratiosFrom = dir;
                } else {
                    notes.add(Results.BENCH_RATIOS + ": kept " + ratiosFrom + "'s, ignored " + dir + "'s");
                }
            }
            if (r.jmh().isPresent()) {
                if (jmh.isEmpty()) {
                    jmh = r.jmh();
                    jmhFrom = dir;
                } else {
                    notes.add(Results.JMH + ": kept " + jmhFrom + "'s, ignored " + dir + "'s");
                }
            }
            for (CheckFile c : r.checks().values()) {
                CheckFile kept = checks.putIfAbsent(c.id(), c);
                if (kept != null) {
                    notes.add("check " + c.id() + ": kept " + kept.file() + ", ignored " + c.file());
                }
            }
        }
        List<RunRecord> runs = new ArrayList<>();
        for (List<RunRecord> copies : byRun.values()) {
            List<RunRecord> ranked = new ArrayList<>(copies);
            ranked.sort(PREFERENCE);
            RunRecord kept = ranked.get(0);
            runs.add(kept);
            if (ranked.size() > 1) {
                StringBuilder sb = new StringBuilder(kept.experiment() + " " + kept.group() + " seed " + kept.seed()
                        + " (" + kept.scale().id() + "): " + ranked.size() + " records; kept " + describe(kept)
                        + ", dropped");
                for (RunRecord other : ranked.subList(1, ranked.size())) {
                    sb.append(' ').append(describe(other));
                }
                notes.add(sb + " (most complete, then latest)");
            }
        }
        return new Merged(new Results(reportDir, Results.dl4j(runs), ablation, ratios, jmh, checks,
                List.copyOf(problems), Results.others(runs)), List.copyOf(notes));
    }

    private static List<RunRecord> concat(List<RunRecord> a, List<RunRecord> b) {
        List<RunRecord> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** More points before fewer, later before earlier; stable otherwise. */
    static final Comparator<RunRecord> PREFERENCE = Comparator
            .comparingInt((RunRecord r) -> -r.series().size())
            .thenComparing(Merged::date, Comparator.reverseOrder());

    /** The record's finishing (else starting) time; the epoch when neither is recorded or readable. */
    static Instant date(RunRecord r) {
        org.isrepro.records.Provenance p = r.provenance();
        for (String text : p == null ? new String[0] : new String[] {p.finishedAt(), p.startedAt()}) {
            if (text != null) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    return Instant.EPOCH;
                }
            }
        }
        return Instant.EPOCH;
    }

    private static String describe(RunRecord r) {
        Instant d = date(r);
        return r.file() + " (" + r.status() + ", " + r.series().size() + " points"
                + (d.equals(Instant.EPOCH) ? "" : ", " + d) + ")";
    }
}
