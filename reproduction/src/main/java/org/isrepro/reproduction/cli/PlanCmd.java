package org.isrepro.reproduction.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.isrepro.core.method.rais.OracleSgd;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.MeasuredSize;
import org.isrepro.reproduction.run.Plan;
import org.isrepro.reproduction.run.PlannedRun;
import org.isrepro.reproduction.run.Shards;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code isrepro plan}: the runs of a matrix, their expected GPU-hours and their shards, without running
 * anything. The shard assignment always uses {@link Plan}'s assumed per-iteration time, so that it is the
 * same on every machine whatever {@code --seconds-per-iteration} says; that option changes the hours shown.
 */
@Command(name = "plan", description = "The runs of a matrix, their expected cost and shard assignment (runs nothing).")
final class PlanCmd implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "paper", description = "smoke, cpu or paper (default ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--shards", defaultValue = "1", description = "number of shards (default ${DEFAULT-VALUE})")
    int shards;

    @Option(names = "--seconds-per-iteration", description = "measured seconds per uniform training step, for "
            + "iteration and cost-clock budgets (default: assumed 0.288, §4.2's 4 h over 50k updates)")
    Double secondsPerIteration;

    @Option(names = "--measured", description = "dry-run.json with each experiment's measured peak memory (make"
            + " dry-run; default ${DEFAULT-VALUE}); absent: memory is not shown",
            defaultValue = "reports/reference/dry-run/dry-run.json")
    java.nio.file.Path measured;

    @CommandLine.Parameters(arity = "0..*", description = "experiments (default: all)")
    List<String> experiments;

    @Override
    public Integer call() {
        List<String> ids = experiments == null || experiments.isEmpty() ? Experiments.ids() : experiments;
        print(ids, Scale.parse(scale), shards, secondsPerIteration, MeasuredSize.read(measured).orElse(null),
                System.out);
        return 0;
    }

    static void print(List<String> ids, Scale scale, int n, Double secondsPerIteration, PrintStream out) {
        print(ids, scale, n, secondsPerIteration, null, out);
    }

    /** With {@code size} (may be null), each run's line also shows its experiment's measured peak memory. */
    static void print(List<String> ids, Scale scale, int n, Double secondsPerIteration, MeasuredSize size,
                      PrintStream out) {
        List<List<PlannedRun>> assignment = Shards.assign(Plan.of(ids, scale, null), n);
        Map<String, PlannedRun> shown = new HashMap<>();
        Plan.of(ids, scale, secondsPerIteration).forEach(r -> shown.put(r.name(), r));
        out.printf(Locale.ROOT, "plan: scale %s, %d experiments, %d runs, %d shard%s%n", scale.id(), ids.size(),
                shown.size(), n, n == 1 ? "" : "s");
        out.printf(Locale.ROOT, "%-6s %8s  %-8s  %s%s%n", "shard", "hours", "basis", size == null ? ""
                : String.format(Locale.ROOT, "%-17s  ", "memory GiB"), "run");
        double total = 0;
        double fromBudget = 0;
        for (int i = 0; i < n; i++) {
            for (PlannedRun r : assignment.get(i)) {
                PlannedRun s = shown.get(r.name());
                out.printf(Locale.ROOT, "%-6s %8.2f  %-8s  %s%s%s%n", (i + 1) + "/" + n, s.seconds() / 3600, s.basis(),
                        memory(size, s.experiment()), r.name(),
                        r.group().equals(r.name()) ? "" : "  (tuned with " + r.group() + ")");
                total += s.seconds();
                fromBudget += "budget".equals(s.basis()) ? s.seconds() : 0;
            }
        }
        for (int i = 0; i < n; i++) {
            List<PlannedRun> runs = assignment.get(i).stream().map(r -> shown.get(r.name())).toList();
            out.printf(Locale.ROOT, "shard %d/%d: %d runs, %.1f h expected%n", i + 1, n, runs.size(),
                    Shards.cost(runs) / 3600);
        }
        out.printf(Locale.ROOT, "total: %.1f GPU-hours expected (%.1f h from wall-clock budgets, %.1f h from iteration "
                        + "and cost-clock budgets at %.3f s per iteration, %s); training only: evaluation, data loading "
                        + "and checkpoints are not included%n", total / 3600, fromBudget / 3600,
                (total - fromBudget) / 3600,
                secondsPerIteration == null ? Plan.ASSUMED_SECONDS_PER_ITERATION : secondsPerIteration,
                secondsPerIteration == null ? "assumed" : "measured");
        if (size != null) {
            out.printf(Locale.ROOT, "memory: peak resident set (an upper bound of what the GPU holds) + of it the JVM heap (host), per experiment,"
                    + " measured by make dry-run (%s, %s); the device also needs its CUDA context and cuDNN"
                    + " workspaces (make doctor BACKEND=cuda compares)%n", size.label(), size.file());
        }
        long oracle = shown.values().stream().filter(r -> r.method().equals(OracleSgd.ID)).count();
        if (oracle > 0) {
            // core/.../method/rais/OracleSgd.java: n batch-size-1 backward passes per update (3n to 6n cost units).
            out.printf(Locale.ROOT, "note: the %d O-SGD runs are costed as uniform steps, but every O-SGD update "
                    + "backpropagates each training sample alone (3n to 6n cost units against 3b): they take far "
                    + "longer than shown; time one with a short run before planning around them%n", oracle);
        }
    }

    private static String memory(MeasuredSize size, String experiment) {
        if (size == null) {
            return "";
        }
        MeasuredSize.Peak p = size.byExperiment().get(experiment);
        return String.format(Locale.ROOT, "%-17s  ", p == null ? "not measured" : String.format(Locale.ROOT,
                "%.2f + %.2f", p.residentBytes() / (double) (1L << 30), p.heapBytes() / (double) (1L << 30)));
    }
}
