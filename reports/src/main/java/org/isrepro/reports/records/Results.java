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
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Everything the reports read from one output directory. Any subset may be absent; an empty
 * directory gives an empty {@code Results} and a report that says nothing has run. A file that cannot
 * be read is skipped with a warning on stderr and listed in {@link #problems()}, or, when strict, fails
 * the load with its name.
 */
public record Results(Path outDir, List<RunRecord> runs, Optional<Ablation41> ablation,
                      Optional<BenchRatios> benchRatios, Optional<List<JmhResult>> jmh, Map<String, CheckFile> checks,
                      List<Problem> problems) {

    /** An input file that was skipped, and why. */
    public record Problem(Path file, String reason) {
    }

    public static final String RUNS = "runs";
    public static final String ABLATION = "ablation-4.1.json";
    public static final String BENCH_RATIOS = "benchmark-ratios.json";
    public static final String JMH = "jmh.json";
    public static final String CHECKS = "checks";

    /** Lenient: bad files are skipped and listed as problems. */
    public static Results load(Path outDir) {
        return load(outDir, false);
    }

    public static Results load(Path outDir, boolean strict) {
        List<Problem> problems = new ArrayList<>();
        Reader reader = new Reader(strict, problems);
        List<RunRecord> runs = new ArrayList<>();
        for (Path p : jsonFiles(outDir.resolve(RUNS))) {
            reader.read(p, RunRecord::read).ifPresent(runs::add);
        }
        runs.sort(Comparator.comparing(RunRecord::experiment).thenComparing(RunRecord::group)
                .thenComparing(RunRecord::scale).thenComparingLong(RunRecord::seed));
        Map<String, CheckFile> checks = new LinkedHashMap<>();
        for (Path p : jsonFiles(outDir.resolve(CHECKS))) {
            Optional<CheckFile> read = reader.read(p, CheckFile::read);
            if (read.isEmpty()) {
                continue;
            }
            CheckFile c = read.get();
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
                Files.isRegularFile(abl) ? reader.read(abl, Ablation41::read) : Optional.empty(),
                Files.isRegularFile(ratios) ? reader.read(ratios, BenchRatios::read) : Optional.empty(),
                Files.isRegularFile(jmh) ? reader.read(jmh, JmhResult::read) : Optional.empty(), checks,
                List.copyOf(problems));
    }

    /** Reads one file; every error names it. */
    private record Reader(boolean strict, List<Problem> problems) {
        <T> Optional<T> read(Path file, java.util.function.Function<Path, T> parse) {
            try {
                return Optional.of(parse.apply(file));
            } catch (RuntimeException e) {
                String why = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
                // readers usually lead with the file; a message that does not is prefixed with it
                String reason = why.contains(file.toString()) ? why.replace(file + ": ", "") : why;
                if (strict) {
                    throw new IllegalArgumentException(file + ": " + reason + " (--strict: no report is written)", e);
                }
                System.err.println("report: skipping " + file + ": " + reason);
                problems.add(new Problem(file, reason));
                return Optional.empty();
            }
        }
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
