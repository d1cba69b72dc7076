package org.isrepro.reports;

import org.isrepro.reports.claims.ClaimRegistry;
import org.isrepro.reports.claims.DryRunClaims;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.figures.FigureRef;
import org.isrepro.reports.figures.Figures;
import org.isrepro.reports.records.Json;
import org.isrepro.reports.records.Merged;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.Scale;
import org.isrepro.reports.render.HtmlReport;
import org.isrepro.reports.render.MarkdownReport;
import org.isrepro.reports.render.ReportModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Renders claims.json, the figures, index.html and report.md from whatever result files exist under
 * {@code --out}. Never trains. A failing claim is a result: the exit code is 0. An input file that
 * cannot be read is skipped with a warning and listed under "Problems" in the report; with
 * {@code --strict} (CI, nightly) it fails the report instead (exit 2, with the file named). Everything is
 * rendered into a staging directory inside {@code --out} and moved into place only when complete, so a
 * failure leaves the previous report whole. {@code --strict} applies to every {@code --from} directory too.
 * Inputs that hold no record at all are said in the first line (every claim is then "not run"); with
 * {@code --strict} that fails the report (exit 2).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render claims.json, figures, index.html and report.md from existing records.")
public final class ReportMain implements Callable<Integer> {
    public static final String CLAIMS_SCHEMA = "isrepro.claims/1";
    /** What a report rendered from several directories read, and which duplicate records it dropped. */
    public static final String MERGE_SCHEMA = "isrepro.merge/1";
    public static final String MERGE_FILE = "merge.json";

    @Option(names = "--out", defaultValue = "reports/out",
            description = "Output directory: read runs/, ablation-4.1.json, benchmark-ratios.json, jmh.json, checks/ "
                    + "from it and write into it (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--from", description = "Read the results of these directories (e.g. one per shard) instead of "
            + "--out's, keeping each run once (most complete, then latest) and saying which; write into --out.")
    List<Path> from;

    @Option(names = "--strict", description = "Fail (exit 2) on an input file that cannot be read instead of "
            + "skipping it and listing it under Problems.")
    boolean strict;

    @Option(names = "--scale", description = "Judge every claim at this scale (smoke, cpu, paper) instead of the "
            + "highest scale present for it.", converter = ScaleConverter.class)
    Scale scale;

    static final class ScaleConverter implements CommandLine.ITypeConverter<Scale> {
        @Override
        public Scale convert(String value) {
            return Scale.parse(value);
        }
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    /** Runs the command, returning the exit code (used by tests). */
    public static int run(PrintStream stdout, String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = new CommandLine(new ReportMain(stdout));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("report: " + ex.getMessage());
            return 2;
        });
        return cl.execute(args);
    }

    private final PrintStream stdout;

    private ReportMain(PrintStream stdout) {
        this.stdout = stdout;
    }

    @Override
    public Integer call() {
        Report r;
        if (from == null || from.isEmpty()) {
            Results results = Results.load(out, strict);
            requireRecords(results, out.toString());
            r = render(results, scale);
        } else {
            Merged merged = Merged.load(out, from, strict);
            requireRecords(merged.results(), "--from " + String.join(", ", from.stream().map(Path::toString).toList()));
            merged.notes().forEach(n -> stdout.println("merge: " + n));
            stdout.println("merge: " + merged.results().runs().size() + " runs from " + from.size() + " directories");
            r = render(merged.results(), scale);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("schema", MERGE_SCHEMA);
            record.put("inputs", from.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
            record.put("runs", merged.results().runs().size());
            record.put("notes", merged.notes());
            Json.write(out.resolve(MERGE_FILE), record);
        }
        r.claims().forEach(c -> stdout.println(c.summaryLine()));
        if (!r.problems().isEmpty()) {
            stdout.println("report: " + r.problems().size() + " input file(s) skipped, listed under Problems");
        }
        stdout.println("report: " + r.figures().size() + " figures; wrote " + out.resolve("index.html") + ", "
                + out.resolve("report.md") + ", " + out.resolve("claims.json"));
        return 0;
    }

    /** Says first when the inputs hold nothing to report on (a wrong --out is the usual cause); fails if strict. */
    private void requireRecords(Results results, String inputs) {
        if (!results.isEmpty() || !results.problems().isEmpty()) { // unreadable files are reported as such
            return;
        }
        String what = inputs + " holds no records (no " + Results.RUNS + "/*.json, " + Results.ABLATION + ", "
                + Results.CHECKS + "/*.json, " + Results.BENCH_RATIOS + " or " + Results.JMH + ")";
        if (strict) {
            throw new IllegalArgumentException(what + " (--strict: no report is written)");
        }
        System.err.println("report: " + what + ": every claim is reported as not run");
    }

    /** What one rendering produced. */
    public record Report(List<ClaimResult> claims, List<FigureRef> figures, List<Results.Problem> problems) {
    }

    private static final List<String> OUTPUTS = List.of("claims.json", "report.md", "index.html");

    /** Reads the inputs under {@code out} and writes every output into it. */
    public static Report render(Path out, Scale forced) {
        return render(out, forced, false);
    }

    /** The same; with {@code strict} an unreadable input file fails the rendering instead of being skipped. */
    public static Report render(Path out, Scale forced, boolean strict) {
        return render(Results.load(out, strict), forced);
    }

    /** Writes every output into {@code results.outDir()}. */
    public static Report render(Results results, Scale forced) {
        System.setProperty("java.awt.headless", "true");
        Path out = results.outDir();
        List<ClaimResult> claims = DryRunClaims.unjudged(results, ClaimRegistry.evaluate(results, forced));
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", CLAIMS_SCHEMA);
        doc.put("generatedAt", now);
        doc.put("claims", claims);
        Path stage;
        try {
            Files.createDirectories(out);
            stage = Files.createTempDirectory(out, ".report-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + out + ": " + e.getMessage(), e);
        }
        try {
            Json.write(stage.resolve("claims.json"), doc);
            Path figureDir = stage.resolve(Figures.DIR);
            Files.createDirectories(figureDir);
            List<FigureRef> figures = Figures.renderAll(results, figureDir);
            ReportModel model = ReportModel.build(results, claims, figures, now);
            Json.writeText(stage.resolve("index.html"), HtmlReport.render(model));
            Json.writeText(stage.resolve("report.md"), MarkdownReport.render(model));
            swapIn(stage, out);
            return new Report(claims, figures, results.problems());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + out + ": " + e.getMessage()
                    + "; the previous report is unchanged", e);
        } finally {
            deleteTree(stage);
        }
    }

    /**
     * Moves a complete rendering into place: the figures directory as a whole (figures of a previous
     * rendering whose inputs are gone do not linger), then each file by an atomic rename.
     */
    private static void swapIn(Path stage, Path out) throws IOException {
        Path figures = out.resolve(Figures.DIR);
        Path previous = stage.resolve("previous-" + Figures.DIR);
        if (Files.exists(figures)) {
            Files.move(figures, previous, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(stage.resolve(Figures.DIR), figures, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (Files.exists(previous)) {
                Files.move(previous, figures, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        for (String name : OUTPUTS) {
            Files.move(stage.resolve(name), out.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("report: could not remove the staging directory " + dir + ": " + e.getMessage());
        }
    }
}
