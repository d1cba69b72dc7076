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
import org.isrepro.records.Frameworks;

/**
 * Everything the reports read from one output directory. Any subset may be absent; an empty
 * directory gives an empty {@code Results} and a report that says nothing has run. A file that cannot
 * be read is skipped with a warning on stderr and listed in {@link #problems()}, or, when strict, fails
 * the load with its name.
 *
 * <p>{@link #runs()} are DL4J's; runs another framework recorded ({@code provenance.framework}, the PyTorch twin) are
 * kept apart in {@link #otherFrameworks()}, out of every estimate, figure and table of DL4J's runs, and are read
 * through {@link #framework(String)} where a claim compares the frameworks.
 */
public record Results(Path outDir, List<RunRecord> runs, Optional<Ablation41> ablation,
                      Optional<BenchRatios> benchRatios, Optional<List<JmhResult>> jmh, Map<String, CheckFile> checks,
                      List<Problem> problems, List<RunRecord> otherFrameworks) {

    /** DL4J's runs only. */
    public Results(Path outDir, List<RunRecord> runs, Optional<Ablation41> ablation, Optional<BenchRatios> benchRatios,
                   Optional<List<JmhResult>> jmh, Map<String, CheckFile> checks, List<Problem> problems) {
        this(outDir, runs, ablation, benchRatios, jmh, checks, problems, List.of());
    }

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
        return new Results(outDir, dl4j(runs),
                Files.isRegularFile(abl) ? reader.read(abl, Ablation41::read) : Optional.empty(),
                Files.isRegularFile(ratios) ? reader.read(ratios, BenchRatios::read) : Optional.empty(),
                Files.isRegularFile(jmh) ? reader.read(jmh, JmhResult::read) : Optional.empty(), checks,
                List.copyOf(problems), others(runs));
    }

    /** The order runs are listed in: experiment, method and variant, scale, seed. */
    public static final Comparator<RunRecord> ORDER = Comparator.comparing(RunRecord::experiment)
            .thenComparing(RunRecord::group).thenComparing(RunRecord::scale).thenComparingLong(RunRecord::seed);

    /** The runs DL4J recorded, in {@link #ORDER}. */
    public static List<RunRecord> dl4j(List<RunRecord> runs) {
        return runs.stream().filter(r -> Frameworks.DL4J.equals(r.framework())).sorted(ORDER).toList();
    }

    /** The runs other frameworks recorded, in {@link #ORDER}. */
    public static List<RunRecord> others(List<RunRecord> runs) {
        return runs.stream().filter(r -> !Frameworks.DL4J.equals(r.framework())).sorted(ORDER).toList();
    }

    /** The runs {@code framework} recorded, as results of their own (no other files). */
    public Results framework(String framework) {
        List<RunRecord> of = Frameworks.DL4J.equals(framework) ? runs
                : otherFrameworks.stream().filter(r -> r.framework().equals(framework)).toList();
        return new Results(outDir, of, Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), List.of());
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
        return runs.isEmpty() && otherFrameworks.isEmpty() && ablation.isEmpty() && benchRatios.isEmpty() && jmh.isEmpty() && checks.isEmpty();
    }
}
