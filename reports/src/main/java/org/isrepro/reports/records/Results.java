package org.isrepro.reports.records;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the reports read from one output directory. Any subset may be absent; an empty
 * directory gives an empty {@code Results} and a report that says nothing has run.
 */
public record Results(Path outDir, List<RunRecord> runs, Optional<Ablation41> ablation,
                      Optional<BenchRatios> benchRatios, Optional<List<JmhResult>> jmh, Map<String, CheckFile> checks) {

    public static final String RUNS = "runs";
    public static final String ABLATION = "ablation-4.1.json";
    public static final String BENCH_RATIOS = "benchmark-ratios.json";
    public static final String JMH = "jmh.json";
    public static final String CHECKS = "checks";

    public static Results load(Path outDir) {
        List<RunRecord> runs = new ArrayList<>();
        for (Path p : jsonFiles(outDir.resolve(RUNS))) {
            runs.add(RunRecord.read(p));
        }
        runs.sort(Comparator.comparing(RunRecord::experiment).thenComparing(RunRecord::group)
                .thenComparing(RunRecord::scale).thenComparingLong(RunRecord::seed));
        Map<String, CheckFile> checks = new LinkedHashMap<>();
        for (Path p : jsonFiles(outDir.resolve(CHECKS))) {
            CheckFile c = CheckFile.read(p);
            CheckFile previous = checks.put(c.id(), c);
            if (previous != null) {
                throw new IllegalArgumentException("two check files with id '" + c.id() + "': " + previous.file()
                        + " and " + p);
            }
        }
        Path abl = outDir.resolve(ABLATION);
        Path ratios = outDir.resolve(BENCH_RATIOS);
        Path jmh = outDir.resolve(JMH);
        return new Results(outDir, List.copyOf(runs),
                Files.isRegularFile(abl) ? Optional.of(Ablation41.read(abl)) : Optional.empty(),
                Files.isRegularFile(ratios) ? Optional.of(BenchRatios.read(ratios)) : Optional.empty(),
                Files.isRegularFile(jmh) ? Optional.of(JmhResult.read(jmh)) : Optional.empty(), checks);
    }

    private static List<Path> jsonFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    public List<RunRecord> runs(String experiment) {
        return runs.stream().filter(r -> r.experiment().equals(experiment)).toList();
    }

    public List<RunRecord> runs(String experiment, Scale scale) {
        return runs.stream().filter(r -> r.experiment().equals(experiment) && r.scale() == scale).toList();
    }

    /** Experiments in first-seen order. */
    public List<String> experiments() {
        return runs.stream().map(RunRecord::experiment).distinct().toList();
    }

    public boolean isEmpty() {
        return runs.isEmpty() && ablation.isEmpty() && benchRatios.isEmpty() && jmh.isEmpty() && checks.isEmpty();
    }
}
