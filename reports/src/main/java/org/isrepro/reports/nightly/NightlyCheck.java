package org.isrepro.reports.nightly;

import org.isrepro.reports.claims.ClaimRegistry;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.records.Json;
import org.isrepro.reports.records.Results;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Compares the numbers of the results under {@code --out} with the baseline, writes
 * {@code nightly-diff.md} and exits 1 on a regression; {@code --update} accepts the current numbers
 * as the new baseline (keeping each existing entry's tolerance) and exits 0.
 */
@Command(name = "nightly-check", mixinStandardHelpOptions = true,
        description = "Compare verdicts and speed-up ratios with the committed nightly baseline.")
public final class NightlyCheck implements Callable<Integer> {
    public static final String DIFF = "nightly-diff.md";

    @Option(names = "--out", defaultValue = "reports/out", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--baseline", defaultValue = "reports/baseline/nightly.json",
            description = "Baseline file (default: ${DEFAULT-VALUE}).")
    Path baseline;

    @Option(names = "--update", description = "Accept the current numbers as the new baseline.")
    boolean update;

    private final PrintStream stdout;

    private NightlyCheck(PrintStream stdout) {
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }

    public static int run(PrintStream stdout, String... args) {
        CommandLine cl = new CommandLine(new NightlyCheck(stdout));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("nightly-check: " + ex.getMessage());
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        Results results = Results.load(out, true); // a regression check must not pass by skipping a bad record
        List<ClaimResult> claims = ClaimRegistry.evaluate(results, null);
        List<Metric> current = NightlyMetrics.collect(results, claims);
        Baseline base = Baseline.read(baseline);
        Comparison cmp = Comparison.of(base, current);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (update) {
            Map<String, Double> tolerances = new HashMap<>();
            base.entries().forEach(e -> tolerances.put(e.key(), e.tolerance()));
            List<Metric> accepted = new ArrayList<>();
            for (Metric m : current) {
                accepted.add(tolerances.containsKey(m.key()) ? m.withTolerance(tolerances.get(m.key())) : m);
            }
            new Baseline(Baseline.SCHEMA, base.note(), now, List.copyOf(accepted)).write(baseline);
            String md = cmp.markdown("Baseline **updated** " + now + " from `" + out + "` into `" + baseline
                    + "`; the table shows what changed relative to the previous baseline.");
            Json.writeText(out.resolve(DIFF), md);
            stdout.println("nightly-check: baseline updated with " + accepted.size() + " entries (" + baseline + ")");
            return 0;
        }
        String md = cmp.markdown("Compared `" + out + "` with `" + baseline + "` (baseline of "
                + (base.updatedAt() == null ? "never filled" : base.updatedAt()) + ") at " + now + ".");
        Json.writeText(out.resolve(DIFF), md);
        for (Comparison.Row r : cmp.regressions()) {
            stdout.println("REGRESSION " + r.key() + ": " + r.baseline() + " -> " + r.current() + " (" + r.what() + ")");
        }
        stdout.println("nightly-check: " + cmp.regressions().size() + " regression(s), " + cmp.count(Comparison.Status.NEW)
                + " new; diff in " + out.resolve(DIFF));
        return cmp.regressions().isEmpty() ? 0 : 1;
    }
}
