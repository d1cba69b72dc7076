package org.isrepro.reproduction.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.isrepro.reproduction.ablation.Ablation41;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.ExperimentData;
import org.isrepro.reproduction.experiment.Experiments;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Matrix;
import org.isrepro.reproduction.run.RunOptions;
import org.isrepro.reproduction.run.Runner;
import org.isrepro.reproduction.run.Tuning;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code isrepro run | list | matrix | ablation}: the same code the JUnit suites use. */
@Command(name = "isrepro", mixinStandardHelpOptions = true, subcommands = {Main.Run.class, Main.ListCmd.class,
        Main.MatrixCmd.class, Main.AblationCmd.class},
        description = "Reproduce 'Not All Samples Are Created Equal' (ICML 2018) and RAIS-SGD (NeurIPS 2018).")
public final class Main {

    static class Common {
        @Option(names = "--scale", defaultValue = "cpu", description = "smoke, cpu or paper (default ${DEFAULT-VALUE})")
        String scale;

        @Option(names = "--out", defaultValue = "reports/out", description = "output directory (default ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--no-progress", description = "no progress bar")
        boolean noProgress;

        RunOptions options() {
            return RunOptions.defaults(out).withProgressBar(!noProgress);
        }
    }

    @Command(name = "run", description = "One run: experiment x method x seed.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @Option(names = "--experiment", required = true)
        String experiment;

        @Option(names = "--method", required = true, description = "method id or label, e.g. upper-bound")
        String method;

        @Option(names = "--seed", defaultValue = "0")
        int seed;

        @Option(names = "--force", description = "run even when a finished record of the same configuration exists")
        boolean force;

        @Override
        public Integer call() {
            Experiment e = Experiments.get(experiment, Scale.parse(common.scale));
            ExperimentData data = e.data().get();
            MethodSpec spec = new Tuning(common.options()).resolve(e, data, e.method(method));
            Runner runner = new Runner(common.options());
            if (!force && runner.hasFinishedRecord(e, data, spec, seed)) {
                System.out.println("finished record exists (--force re-runs): " + runner.recordPath(e, spec, seed));
                return 0;
            }
            runner.run(e, data, spec, seed);
            System.out.println("record: " + runner.recordPath(e, spec, seed));
            return 0;
        }
    }

    @Command(name = "list", description = "Experiments and their methods at a scale.")
    static final class ListCmd implements Callable<Integer> {
        @Option(names = "--scale", defaultValue = "cpu")
        String scale;

        @Override
        public Integer call() {
            for (String id : Experiments.ids()) {
                Experiment e = Experiments.get(id, Scale.parse(scale));
                System.out.printf("%-22s %-14s methods %s, seeds %s%n    %s%n", id, e.section(),
                        e.methods().stream().map(MethodSpec::label).toList(), e.seeds(),
                        e.standIn() == null ? e.paperSetting() : "stand-in: " + e.standIn());
            }
            return 0;
        }
    }

    @Command(name = "matrix", description = "Every method x seed of the given experiments (all when none given).")
    static final class MatrixCmd implements Callable<Integer> {
        @CommandLine.Mixin
        Common common = new Common();

        @CommandLine.Parameters(arity = "0..*")
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

        @Override
        public Integer call() {
            List<String> ids = experiments == null || experiments.isEmpty() ? Experiments.ids() : experiments;
            int threads = threadsPerJob != null ? threadsPerJob
                    : Math.max(1, Runtime.getRuntime().availableProcessors() / jobs);
            Matrix.Execution ex = new Matrix.Execution(jobs, threads, force, seeds == null ? List.of() : seeds);
            java.util.function.Predicate<MethodSpec> include = methods == null || methods.isEmpty() ? m -> true
                    : m -> methods.contains(m.method()) || methods.contains(m.label());
            Matrix.Summary s = new Matrix(common.options(), ex).run(ids, Scale.parse(common.scale), include);
            System.out.println(s);
            return s.failed().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "ablation", description = "The section 4.1 ablation (figures 1 and 2), then the section 3.3 tau check.")
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
        int code = new CommandLine(new Main())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    cmd.getErr().println("isrepro: " + ex.getMessage());
                    return 2;
                })
                .execute(args);
        System.exit(code);
    }
}
