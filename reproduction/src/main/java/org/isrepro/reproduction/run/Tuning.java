package org.isrepro.reproduction.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.isrepro.records.RecordFiles;
import org.isrepro.records.RunRecord;
import org.isrepro.records.TuningRecord;
import org.isrepro.reproduction.experiment.Budget;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.ExperimentData;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a method's hyper-parameters from the experiment's grid on validation error only (review 002:
 * "hyperparameters chosen on validation"), each candidate trained for a fraction of the budget with the
 * first seed. The search is recorded in {@code tuning/<experiment>__<method>__<scale>.json} and reused
 * when it exists for the same grid; a search run again after it was stopped reuses each candidate whose finished
 * record of the same configuration exists.
 */
public final class Tuning {
    private static final Logger LOG = LoggerFactory.getLogger(Tuning.class);

    private final RunOptions options;

    public Tuning(RunOptions options) {
        this.options = options;
    }

    public Path recordPath(Experiment e, String method) {
        return options.outDir().resolve("tuning").resolve(e.id() + "__" + method + "__" + e.scale().id() + ".json");
    }

    /** The spec to run: {@code spec} itself when it has no grid, else the best candidate's overrides. */
    public MethodSpec resolve(Experiment e, ExperimentData data, MethodSpec spec) {
        List<Map<String, Object>> grid = e.grid(spec.method());
        if (grid.isEmpty() || !spec.overrides().isEmpty()) {
            return spec;
        }
        Path file = recordPath(e, spec.method());
        if (Files.exists(file)) {
            TuningRecord done = TuningRecord.read(file);
            if (grid.equals(done.grid())) {
                return new MethodSpec(spec.method(), null, done.chosen());
            }
        }
        Budget full = e.training().budget();
        Experiment tuning = e.withIdAndBudget(e.id() + "-tuning",
                new Budget(full.unit(), full.amount() * e.grids().budgetFraction()));
        Runner runner = new Runner(options);
        List<TuningRecord.Candidate> candidates = new ArrayList<>();
        Map<String, Object> best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (Map<String, Object> overrides : grid) {
            MethodSpec candidate = new MethodSpec(spec.method(), label(overrides), overrides);
            // a search stopped part-way (a session's end, SIGTERM) keeps the candidates that finished
            RunRecord record = runner.finishedRecord(tuning, data, candidate, e.seeds().get(0))
                    .orElseGet(() -> runner.run(tuning, data, candidate, e.seeds().get(0)));
            Double v = record.summary().finalValidationError();
            double error = RunRecord.COMPLETED.equals(record.status()) && v != null ? v : Double.POSITIVE_INFINITY;
            candidates.add(new TuningRecord.Candidate(overrides, record.status(), RecordFiles.finite(error),
                    Runner.runName(tuning, candidate, e.seeds().get(0)) + ".json"));
            if (error < bestError) {
                bestError = error;
                best = overrides;
            }
        }
        if (best == null) {
            throw new IllegalStateException(e.id() + ": every " + spec.method() + " candidate diverged; see " + file);
        }
        new TuningRecord(TuningRecord.SCHEMA.id(), e.id(), spec.method(), e.scale().id(),
                "lowest final validation error after " + e.grids().budgetFraction() + " of the budget, seed "
                        + e.seeds().get(0), grid, candidates, best).write(file);
        LOG.info("{}: {} tuned on validation error: chose {} ({})", e.id(), spec.method(), best,
                String.format(Locale.ROOT, "%.4f", bestError));
        return new MethodSpec(spec.method(), null, best);
    }

    static String label(Map<String, Object> overrides) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> en : new TreeMap<>(overrides).entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(en.getKey()).append('=').append(en.getValue());
        }
        return sb.toString();
    }
}
