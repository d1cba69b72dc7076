package org.isrepro.reproduction.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.ExperimentData;
import org.isrepro.reproduction.experiment.Experiments;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every method × seed of a list of experiments. A run that fails or diverges is reported and the matrix
 * goes on; a missing dataset fails its experiment with the dataset's own message.
 */
public final class Matrix {
    private static final Logger LOG = LoggerFactory.getLogger(Matrix.class);

    public record Summary(List<String> completed, List<String> diverged, List<String> failed) {
        @Override
        public String toString() {
            return String.format("%d runs completed, %d diverged, %d failed%s", completed.size(), diverged.size(),
                    failed.size(), failed.isEmpty() ? "" : ": " + failed);
        }
    }

    private final RunOptions options;

    public Matrix(RunOptions options) {
        this.options = options;
    }

    public Summary run(List<String> experimentIds, Scale scale) {
        return run(experimentIds, scale, m -> true);
    }

    /** Runs only the methods {@code include} accepts; methods with a grid are tuned first ({@link Tuning}). */
    public Summary run(List<String> experimentIds, Scale scale, java.util.function.Predicate<MethodSpec> include) {
        return run(experimentIds, scale, include, name -> true);
    }

    /**
     * Runs only the runs whose {@link Runner#runName} {@code runs} accepts (one shard, {@link Shards});
     * an experiment or a tuned method with none of its runs accepted loads no data and tunes nothing.
     */
    public Summary run(List<String> experimentIds, Scale scale, java.util.function.Predicate<MethodSpec> include,
                       java.util.function.Predicate<String> runs) {
        List<String> completed = new ArrayList<>();
        List<String> diverged = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        Runner runner = new Runner(options);
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
                for (int seed : e.seeds()) {
                    String name = Runner.runName(e, m, seed);
                    if (!runs.test(name)) {
                        continue;
                    }
                    try {
                        Map<String, Object> r = runner.run(e, data, m, seed);
                        ("diverged".equals(r.get("status")) ? diverged : completed).add(name);
                    } catch (Runner.Stopped stopped) {
                        throw stopped;
                    } catch (RuntimeException ex) {
                        LOG.error("{} failed: {}", name, ex.toString());
                        failed.add(name + ": " + ex.getMessage());
                    }
                }
            }
        }
        return new Summary(completed, diverged, failed);
    }

    private static boolean anyRun(Experiment e, MethodSpec m, java.util.function.Predicate<String> runs) {
        return e.seeds().stream().anyMatch(seed -> runs.test(Runner.runName(e, m, seed)));
    }
}
