package org.isrepro.reproduction.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.isrepro.core.model.NativeDefaults;
import org.isrepro.reproduction.ablation.Ablation41;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.ExperimentData;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.method.Methods;
import org.isrepro.reproduction.run.CheckpointEvery;
import org.isrepro.reproduction.run.Matrix;
import org.isrepro.reproduction.run.OutputDirectory;
import org.isrepro.reproduction.run.Plan;
import org.isrepro.reproduction.run.RunOptions;
import org.isrepro.reproduction.run.Runner;
import org.isrepro.reproduction.run.Shards;
import org.isrepro.reproduction.run.StopRequest;
import org.isrepro.reproduction.run.Tuning;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code isrepro run | list | matrix | ablation}: the same code the JUnit suites use. Exit codes: 0 done,
 * 1 some runs of a matrix failed, 2 bad input or a run that cannot start (the message says why), 3 the run
 * diverged (its record says so), 75 stopped by SIGTERM/SIGINT after writing its checkpoint.
 */
@Command(name = "isrepro", mixinStandardHelpOptions = true, subcommands = {Main.Run.class, Main.ListCmd.class,
        Main.MatrixCmd.class, Main.AblationCmd.class, PlanCmd.class, SlurmCmd.class, KernelsCmd.class,
        DryRunCmd.class},
        description = "Reproduce 'Not All Samples Are Created Equal' (ICML 2018) and RAIS-SGD (NeurIPS 2018).",
        footer = {"", "bin/isrepro report --help: render the report from existing records.", "", Main.EXIT_CODES})
public final class Main {
    static {
        NativeDefaults.apply(); // before ND4J loads (NativeDefaults)
    }

    static final String EXIT_CODES = "Exit codes: 0 done; 1 some runs of a matrix failed; 2 bad input, or a run that"
            + " cannot start (missing data, unwritable output, run locked by another process); 3 the run diverged"
            + " (recorded); 75 stopped by SIGTERM/SIGINT after writing a checkpoint (run again to resume).";
    static final int DIVERGED = 3;

    static final class CheckpointEveryConverter implements CommandLine.ITypeConverter<CheckpointEvery> {
        @Override
        public CheckpointEvery convert(String value) {
            try {
                return CheckpointEvery.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static class Common {
        @Option(names = "--scale", defaultValue = "cpu", description = "smoke, cpu or paper (default ${DEFAULT-VALUE})")
        String scale;

        @Option(names = "--out", defaultValue = "reports/out", description = "output directory (default ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--no-progress", description = "no progress bar")
        boolean noProgress;

        @Option(names = "--checkpoint-every", converter = CheckpointEveryConverter.class, paramLabel = "N{it|s|m|h}",
                description = "checkpoint every N iterations (500it) or seconds (300s, 5m); default 5m, 10it at"
                        + " smoke scale. SIGTERM/SIGINT also checkpoint, then exit 75.")
        CheckpointEvery checkpointEvery;

        RunOptions options() {
            return RunOptions.defaults(out).withProgressBar(!noProgress).withCheckpointEvery(checkpointEvery);
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "One run: experiment x method x seed;"
            + " resumes from its checkpoint if one exists.", footer = {"", EXIT_CODES})
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--experiment", required = true, description = "experiment id (isrepro list)")
        String experiment;

        @Option(names = "--method", required = true,
                description = "method id or label, e.g. upper-bound or upper-bound[B=2b]")
        String method;

        @Option(names = "--seed", defaultValue = "0", description = "a non-negative integer (default ${DEFAULT-VALUE})")
        int seed;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec cmd;

        @Option(names = "--force", description = "run even when a finished record of the same configuration exists")
        boolean force;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one typed parameter of the method"
                + " (e.g. presample, tauTh, chunkSize) or of the protocol (batchSize, presample, tauTh, aTau) for this"
                + " run; repeatable. The run gets its own record, whose config states the override under 'set'.")
        Map<String, String> set = new LinkedHashMap<>();

        @Option(names = "--lockstep-export", paramLabel = "DIR", description = "also export the run for the framework"
                + " check into DIR: data, initial parameters, every step's samples, weights, learning rate and scores,"
                + " and checkpoints (docs/framework.md); needs a run from its first step")
        Path lockstepExport;

        @Option(names = "--lockstep-every", defaultValue = "10", paramLabel = "N", description = "with --lockstep-export:"
                + " a checkpoint every N uniform and every N importance-sampled steps (default ${DEFAULT-VALUE})")
        int lockstepEvery;

        @Override
        public Integer call() {
            if (lockstepEvery < 1) {
                throw new CommandLine.ParameterException(cmd.commandLine(), "--lockstep-every " + lockstepEvery
                        + " is not a positive number of steps");
            }
            if (seed < 0) {
                throw new CommandLine.ParameterException(cmd.commandLine(), "seed " + seed + " is negative; seeds"
                        + " are non-negative integers");
            }
            Map<String, Object> values = typed(set);
            Experiment declaredExperiment = Experiments.get(experiment, Scale.parse(common.scale));
            MethodSpec declared = declaredExperiment.method(method);
            // a bad key or value fails here, before the data are loaded and anything is trained
            Experiment e = declaredExperiment.withProtocol(declaredExperiment.protocol().with(values));
            Methods.create(e, declared.withSet(values));
            RunOptions options = lockstepExport == null ? common.options()
                    : common.options().exportingLockstep(lockstepExport, lockstepEvery);
            Runner runner = new Runner(options);
            runner.requireWritableOutput(); // before the data are loaded and anything is trained
            if (lockstepExport != null) {
                OutputDirectory.requireWritable(lockstepExport);
            }
            ExperimentData data = e.data().get();
            MethodSpec spec = new Tuning(common.options()).resolve(e, data, declared).withSet(values);
            if (!force && lockstepExport == null && runner.hasFinishedRecord(e, data, spec, seed)) {
                System.out.println("finished record exists (--force re-runs): " + runner.recordPath(e, spec, seed));
                return 0;
            }
            String status = runner.run(e, data, spec, seed).status();
            System.out.println("record: " + runner.recordPath(e, spec, seed));
            if ("diverged".equals(status)) {
                System.err.println("isrepro: " + Runner.runName(e, spec, seed) + " diverged (its training loss is not"
                        + " finite); recorded as diverged in " + runner.recordPath(e, spec, seed));
                return DIVERGED;
            }
            return 0;
        }
    }

    /** {@code --set} values as the record will state them: integers, then decimals, booleans, else text. */
    static Map<String, Object> typed(Map<String, String> set) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> en : set.entrySet()) {
            String v = en.getValue().trim();
            Object value;
            if (v.matches("[-+]?\\d{1,9}")) {
                value = Integer.parseInt(v);
            } else if (v.equals("true") || v.equals("false")) {
                value = Boolean.parseBoolean(v);
            } else {
                try {
                    value = Double.parseDouble(v);
                } catch (NumberFormatException ex) {
                    value = v;
                }
            }
            out.put(en.getKey().trim(), value);
        }
        return out;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Experiments and their methods at a scale.")
    static final class ListCmd implements Callable<Integer> {
        @Option(names = "--scale", defaultValue = "cpu", description = "smoke, cpu or paper (default ${DEFAULT-VALUE})")
        String scale;

        @Override
        public Integer call() {
            for (String id : Experiments.ids()) {
                Experiment e = Experiments.get(id, Scale.parse(scale));
                System.out.printf("%-22s %-14s methods %s, seeds %s%n    %s%n", id, e.about().section(),
                        e.methods().stream().map(MethodSpec::label).toList(), e.seeds(),
                        e.about().standIn() == null ? e.about().paperSetting() : "stand-in: " + e.about().standIn());
            }
            return 0;
        }
    }

    @Command(name = "matrix", mixinStandardHelpOptions = true, description = "Every method x seed of the given"
            + " experiments (all when none given); each run resumes from its checkpoint.", footer = {"", EXIT_CODES})
    static final class MatrixCmd implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @CommandLine.Parameters(arity = "0..*", paramLabel = "EXPERIMENT", description = "experiment ids")
        List<String> experiments;

        @Option(names = "--jobs", defaultValue = "1", description = "runs at once, each in its own process "
                + "(default ${DEFAULT-VALUE}: one after another in this process)")
        int jobs;

        @Option(names = "--threads-per-job", description = "ND4J/OpenMP threads of each child process (default: "
                + "the machine's cores divided by --jobs, at least 1)")
        Integer threadsPerJob;

        @Option(names = "--methods", split = ",", description = "only these methods (ids or labels), e.g. "
                + "uniform,loss,upper-bound")
        List<String> methods;

        @Option(names = "--seeds", split = ",", description = "only these seeds (default: the experiment's)")
        List<Integer> seeds;

        @Option(names = "--force", description = "re-run runs whose finished record of the same configuration exists")
        boolean force;

        @Option(names = "--shard", description = "i/n: only this shard's runs (isrepro plan --shards n lists them)")
        String shard;

        @Override
        public Integer call() {
            if (jobs < 1) { // before the threads per job are derived from it
                throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
            }
            List<String> ids = experiments == null || experiments.isEmpty() ? Experiments.ids() : experiments;
            Scale scale = Scale.parse(common.scale);
            java.util.function.Predicate<String> runs = name -> true;
            if (shard != null) {
                Shards.Spec spec = Shards.Spec.parse(shard);
                java.util.Set<String> mine = new java.util.HashSet<>();
                Shards.of(Plan.of(ids, scale, null), spec).forEach(r -> mine.add(r.name()));
                System.out.println("shard " + spec + ": " + mine.size() + " runs");
                runs = mine::contains;
            }
            int threads = threadsPerJob != null ? threadsPerJob
                    : Math.max(1, Runtime.getRuntime().availableProcessors() / jobs);
            Matrix.Execution ex = new Matrix.Execution(jobs, threads, force, seeds == null ? List.of() : seeds);
            java.util.function.Predicate<MethodSpec> include = methods == null || methods.isEmpty() ? m -> true
                    : m -> methods.contains(m.method()) || methods.contains(m.label());
            Matrix.Summary s = new Matrix(common.options(), ex).run(ids, scale, include, runs);
            System.out.println(s);
            return s.failed().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "ablation", mixinStandardHelpOptions = true, description = "The section 4.1 ablation (figures 1"
            + " and 2), then the section 3.3 tau check.")
    static final class AblationCmd implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--no-tau-check", description = "skip the section 3.3 tau check that runs after the ablation")
        boolean noTauCheck;

        @Override
        public Integer call() {
            Scale scale = Scale.parse(common.scale);
            Path file = Ablation41.run(Ablation41.Config.forScale(scale), common.out, !common.noProgress);
            System.out.println("written: " + file);
            if (!noTauCheck) {
                System.out.println("written: " + org.isrepro.reproduction.checks.TauEquivalence.run(
                        org.isrepro.reproduction.checks.TauEquivalence.Config.forScale(scale), common.out));
            }
            return 0;
        }
    }

    public static void main(String[] args) {
        StopRequest.install();
        System.exit(execute(args));
    }

    /** Runs the command line without exiting (the exit code is returned). */
    public static int execute(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    cmd.getErr().println("isrepro: " + ex.getMessage());
                    return ex instanceof Runner.Interrupted ? StopRequest.EXIT_CODE : 2;
                })
                .execute(args);
    }
}
