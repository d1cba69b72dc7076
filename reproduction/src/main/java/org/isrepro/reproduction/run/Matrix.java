package org.isrepro.reproduction.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.isrepro.core.model.NativeDefaults;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.ExperimentData;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.models.LayerNormImplementation;
import org.isrepro.reproduction.models.LstmImplementation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every method × seed of a list of experiments. The matrix is first planned (methods with a grid are tuned,
 * {@link Tuning}), runs whose finished record already exists for the same configuration are skipped unless
 * forced, and the rest run either one after another in this process or as {@code jobs} separate processes at
 * once, each with its own thread count and its own checkpoints. A run that fails or diverges is reported and the
 * matrix goes on; a missing dataset fails its experiment with the dataset's own message.
 */
public final class Matrix {
    private static final Logger LOG = LoggerFactory.getLogger(Matrix.class);

    public record Summary(List<String> completed, List<String> diverged, List<String> failed, List<String> skipped) {
        public Summary(List<String> completed, List<String> diverged, List<String> failed) {
            this(completed, diverged, failed, List.of());
        }

        @Override
        public String toString() {
            return String.format("%d runs completed, %d diverged, %d failed, %d skipped (finished records exist)%s",
                    completed.size(), diverged.size(), failed.size(), skipped.size(),
                    failed.isEmpty() ? "" : ": " + failed);
        }
    }

    /** One run to do: the method as it will run (tuned overrides resolved) and the label it was declared with. */
    public record Task(Experiment experiment, ExperimentData data, MethodSpec spec, String declaredLabel,
                             int seed) {
        public String name() {
            return Runner.runName(experiment, spec, seed);
        }
    }

    /**
     * How runs are executed: {@code jobs} processes at once (1: in this process), {@code threadsPerJob} ND4J/OpenMP
     * threads in each child process, {@code force} re-runs finished runs, {@code seeds} restricts the seeds (empty:
     * the experiment's own).
     */
    public record Execution(int jobs, int threadsPerJob, boolean force, List<Integer> seeds) {
        public Execution {
            if (jobs < 1) {
                throw new IllegalArgumentException("--jobs must be at least 1, got " + jobs);
            }
            if (threadsPerJob < 1) {
                throw new IllegalArgumentException("threads per job must be at least 1, got " + threadsPerJob);
            }
            seeds = List.copyOf(seeds);
        }

        public static Execution inProcess() {
            return new Execution(1, 1, false, List.of());
        }
    }

    private final RunOptions options;
    private final Execution execution;

    public Matrix(RunOptions options) {
        this(options, Execution.inProcess());
    }

    public Matrix(RunOptions options, Execution execution) {
        this.options = options;
        this.execution = execution;
    }

    public Summary run(List<String> experimentIds, Scale scale) {
        return run(experimentIds, scale, m -> true);
    }

    /** Runs only the methods {@code include} accepts; methods with a grid are tuned first ({@link Tuning}). */
    public Summary run(List<String> experimentIds, Scale scale, Predicate<MethodSpec> include) {
        return run(experimentIds, scale, include, name -> true);
    }

    /**
     * Runs only the runs whose {@link Runner#runName} {@code runs} accepts (one shard, {@link Shards});
     * an experiment or a tuned method with none of its runs accepted loads no data and tunes nothing.
     */
    public Summary run(List<String> experimentIds, Scale scale, Predicate<MethodSpec> include,
                       Predicate<String> runs) {
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        List<String> skipped = new ArrayList<>();
        List<Task> todo = new ArrayList<>();
        Runner runner = new Runner(options);
        for (Task p : plan(experimentIds, scale, include, runs, failed)) {
            if (!execution.force() && runner.hasFinishedRecord(p.experiment(), p.data(), p.spec(), p.seed())) {
                skipped.add(p.name());
            } else {
                todo.add(p);
            }
        }
        if (!skipped.isEmpty()) {
            LOG.info("{} runs already have a finished record of the same configuration and are skipped (--force "
                    + "re-runs them)", skipped.size());
        }
        List<String> completed = Collections.synchronizedList(new ArrayList<>());
        List<String> diverged = Collections.synchronizedList(new ArrayList<>());
        if (execution.jobs() == 1) {
            for (Task p : todo) {
                try {
                    org.isrepro.records.RunRecord r = runner.run(p.experiment(), p.data(), p.spec(), p.seed());
                    ("diverged".equals(r.status()) ? diverged : completed).add(p.name());
                } catch (Runner.Stopped stopped) {
                    throw stopped;
                } catch (RuntimeException ex) {
                    LOG.error("{} failed: {}", p.name(), ex.toString());
                    failed.add(p.name() + ": " + ex.getMessage());
                }
            }
        } else {
            runInChildren(todo, scale, completed, diverged, failed);
        }
        return new Summary(List.copyOf(completed), List.copyOf(diverged), List.copyOf(failed), skipped);
    }

    /** The runs of the matrix in order: experiment, declared method, seed. */
    public List<Task> plan(List<String> experimentIds, Scale scale, Predicate<MethodSpec> include,
                           Predicate<String> runs, List<String> failed) {
        List<Task> out = new ArrayList<>();
        for (String id : experimentIds) {
            Experiment e = Experiments.get(id, scale);
            if (e.methods().stream().noneMatch(m -> include.test(m) && anyRun(e, m, runs))) {
                continue;
            }
            ExperimentData data;
            try {
                data = e.data().get();
            } catch (RuntimeException ex) {
                LOG.error("{}: data unavailable: {}", id, ex.getMessage());
                failed.add(id + ": " + ex.getMessage());
                continue;
            }
            List<Integer> seeds = execution.seeds().isEmpty() ? e.seeds() : execution.seeds();
            for (MethodSpec declared : e.methods()) {
                if (!include.test(declared) || !anyRun(e, declared, runs)) {
                    continue;
                }
                MethodSpec m;
                try {
                    m = new Tuning(options).resolve(e, data, declared);
                } catch (RuntimeException ex) {
                    LOG.error("{}: tuning {} failed: {}", id, declared.label(), ex.toString());
                    failed.add(id + "/" + declared.label() + ": tuning failed: " + ex.getMessage());
                    continue;
                }
                for (int seed : seeds) {
                    if (runs.test(Runner.runName(e, m, seed))) {
                        out.add(new Task(e, data, m, declared.label(), seed));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Runs each planned run as {@code isrepro run} in a child JVM (same class path), {@code jobs} at a time, with
     * OMP_NUM_THREADS set to the threads per job. A child's output goes to {@code logs/<run>.log}; its record, written
     * by the child, tells how it ended.
     */
    @SuppressWarnings("unchecked")
    private void runInChildren(List<Task> todo, Scale scale, List<String> completed, List<String> diverged,
                               List<String> failed) {
        Path logs = options.outDir().resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create " + logs + ": " + ex.getMessage(), ex);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        Runner runner = new Runner(options);
        ExecutorService pool = Executors.newFixedThreadPool(execution.jobs());
        List<Future<?>> futures = new ArrayList<>();
        int total = todo.size();
        int[] done = {0};
        for (Task p : todo) {
            futures.add(pool.submit(() -> {
                // A bounded heap per child: N JVMs sized by default for a whole machine's memory each would not
                // fit in it together (ND4J's off-heap limit follows -Xmx).
                List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + System.getProperty("isrepro.childHeap",
                        "3g"), "-Djava.awt.headless=true", "-cp", classPath));
                // the user's choices of logging, data and native settings reach every child (NativeDefaults)
                List<String> passed = new ArrayList<>(List.of("org.slf4j.simpleLogger.defaultLogLevel", "isrepro.data"));
                passed.addAll(NativeDefaults.PROPERTIES);
                passed.add(LstmImplementation.PROPERTY);
                passed.add(LayerNormImplementation.PROPERTY);
                for (String prop : passed) {
                    if (System.getProperty(prop) != null) {
                        cmd.add("-D" + prop + "=" + System.getProperty(prop));
                    }
                }
                cmd.addAll(List.of("org.isrepro.reproduction.cli.Main", "run", "--experiment", p.experiment().id(),
                        "--method", p.declaredLabel(), "--seed", Integer.toString(p.seed()), "--scale", scale.id(),
                        "--out", options.outDir().toString(), "--no-progress", "--force"));
                if (options.checkpointEvery() != null) {
                    cmd.addAll(List.of("--checkpoint-every", options.checkpointEvery().toString()));
                }
                Path log = logs.resolve(p.name() + ".log");
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                pb.environment().put("OMP_NUM_THREADS", Integer.toString(execution.threadsPerJob()));
                long t0 = System.nanoTime();
                int code;
                try {
                    code = pb.start().waitFor();
                } catch (IOException ex) {
                    failed.add(p.name() + ": could not start a child process: " + ex.getMessage());
                    return;
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    failed.add(p.name() + ": interrupted");
                    return;
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                String status;
                if (code != 0 && code != 3) { // 3: diverged, and recorded as such
                    status = "failed (exit " + code + ", see " + log + ")";
                    failed.add(p.name() + ": exit " + code + ", see " + log);
                } else {
                    status = org.isrepro.records.RunRecord.read(runner.recordPath(p.experiment(), p.spec(), p.seed()))
                            .status();
                    ("diverged".equals(status) ? diverged : completed).add(p.name());
                }
                synchronized (done) {
                    done[0]++;
                    System.out.printf("[%d/%d] %s: %s in %.0f s%n", done[0], total, p.name(), status, seconds);
                }
            }));
        }
        pool.shutdown();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new IllegalStateException("interrupted while waiting for the matrix's runs", ex);
            } catch (java.util.concurrent.ExecutionException ex) {
                failed.add("a run's supervisor failed: " + ex.getCause());
            }
        }
    }

    private static boolean anyRun(Experiment e, MethodSpec m, java.util.function.Predicate<String> runs) {
        return e.seeds().stream().anyMatch(seed -> runs.test(Runner.runName(e, m, seed)));
    }
}
