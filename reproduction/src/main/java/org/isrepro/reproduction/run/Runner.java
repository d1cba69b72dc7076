package org.isrepro.reproduction.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.Method;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.StepReport;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.random.Rng;
import org.isrepro.datasets.Sources;
import org.isrepro.reproduction.experiment.Budget;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.ExperimentData;
import org.isrepro.reproduction.experiment.LrSchedule;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.lockstep.LockstepExport;
import org.isrepro.reproduction.method.Methods;
import org.isrepro.records.RecordFiles;
import org.isrepro.records.RunConfig;
import org.isrepro.records.RunRecord;
import org.isrepro.records.SeriesPoint;
import org.isrepro.records.Summary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one experiment × method × seed to its budget and writes its record (docs/records.md).
 *
 * <p>Protocol (§4.2): a fixed budget; the learning rate follows the schedule over the fraction of the
 * budget consumed; evaluations at evenly spaced fractions, with the wall clock paused while evaluating
 * and checkpointing. A NaN or infinite training loss ends the run as "diverged"; callers go on with the
 * next run. Checkpoints are taken at evaluation points, so a resumed run continues on the same grid.
 */
public final class Runner {
    private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

    /** Thrown when {@link RunOptions#stopAfterEvaluations()} simulates a kill. */
    public static class Stopped extends RuntimeException {
        Stopped(String message) {
            super(message);
        }
    }

    /** A signal asked the run to stop ({@link StopRequest}); its checkpoint is written. */
    public static final class Interrupted extends Stopped {
        Interrupted(String message) {
            super(message);
        }
    }

    private final RunOptions options;

    public Runner(RunOptions options) {
        this.options = options;
    }

    public static String runName(Experiment e, MethodSpec spec, int seed) {
        String label = spec.variant() == null ? spec.method()
                : spec.method() + "-" + spec.variant().replaceAll("[^A-Za-z0-9=.]+", "");
        return e.id() + "__" + label + "__seed" + seed + "__" + e.scale().id();
    }

    public Path recordPath(Experiment e, MethodSpec spec, int seed) {
        return options.runsDir().resolve(runName(e, spec, seed) + ".json");
    }

    /**
     * Whether a finished record of this run (completed or diverged) exists with the configuration this run would
     * use, so that a matrix can skip it. A record of another configuration (changed sizes, budgets, overrides) does
     * not count: the run is redone and its record replaced.
     */
    public boolean hasFinishedRecord(Experiment e, ExperimentData data, MethodSpec spec, int seed) {
        return finishedRecord(e, data, spec, seed).isPresent();
    }

    /** That finished record ({@link #hasFinishedRecord}), read once, or empty. */
    public java.util.Optional<RunRecord> finishedRecord(Experiment e, ExperimentData data, MethodSpec spec, int seed) {
        Path file = recordPath(e, spec, seed);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        RunRecord r;
        try {
            r = RunRecord.read(file);
        } catch (RuntimeException ex) {
            LOG.warn("{} is unreadable and will be rewritten: {}", file, ex.getMessage());
            return java.util.Optional.empty();
        }
        List<String> changed = Json.differences(comparable(r.config().values()),
                comparable(config(e, data, spec, seed)), 3);
        if (!changed.isEmpty()) {
            LOG.info("{} was made with another configuration ({}); re-running", file.getFileName(),
                    String.join("; ", changed));
        }
        return changed.isEmpty() ? java.util.Optional.of(r) : java.util.Optional.empty();
    }

    /**
     * The part of a configuration that decides what a run computes: the descriptive texts and the experiment's
     * list of seeds (which grows when seeds are added) are left out.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> comparable(Object config) {
        Map<String, Object> c = new java.util.TreeMap<>((Map<String, Object>) Json.canonical(config));
        for (String descriptive : List.of("seeds", "standIn", "title", "paperSetting", "section")) {
            c.remove(descriptive);
        }
        return c;
    }

    /** What a run's record states as its configuration (and what its checkpoint must match to be resumed). */
    Map<String, Object> config(Experiment e, ExperimentData data, MethodSpec spec, int seed) {
        Method method = Methods.create(e, spec);
        Map<String, Object> config = e.describe();
        config.put("method", spec.method());
        config.put("variant", spec.variant());
        config.put("overrides", spec.overrides());
        if (!spec.set().isEmpty()) {
            config.put("set", spec.set()); // a run's --set, absent otherwise (docs/records.md)
        }
        config.put("model", e.network().factory().describe(e.network().description(), Methods.params(e, spec)));
        config.put("methodParams", method.params());
        // The record states what this run used: a variant's B (appendix D) or b overrides the experiment's.
        for (String key : new String[] {"batchSize", "presample", "tauTh"}) {
            if (method.params().get(key) instanceof Number n) {
                config.put(key, n);
            }
        }
        config.put("seed", seed);
        config.put("trainSize", data.train().size());
        return config;
    }

    /** Runs (or resumes) the run and returns its record, also written to {@link #recordPath}. */
    public RunRecord run(Experiment e, MethodSpec spec, int seed) {
        return locked(e, spec, seed, () -> e.data().get());
    }

    public RunRecord run(Experiment e, ExperimentData data, MethodSpec spec, int seed) {
        return locked(e, spec, seed, () -> data);
    }

    /**
     * Fails before the data are loaded or anything is trained when the output directory cannot take the
     * record or checkpoints, or when another process holds the run ({@link RunLock}).
     */
    private RunRecord locked(Experiment e, MethodSpec spec, int seed, Supplier<ExperimentData> data) {
        requireWritableOutput();
        String name = runName(e, spec, seed);
        try (RunLock lock = RunLock.acquire(options.checkpointsDir().resolve(name + ".lock"), name)) {
            return runLocked(e, data.get(), spec, seed);
        }
    }

    /** Fails when results cannot be written (a file in the way, read-only, full), naming the path and reason. */
    public void requireWritableOutput() {
        OutputDirectory.requireWritable(options.runsDir());
        OutputDirectory.requireWritable(options.checkpointsDir());
    }

    private RunRecord runLocked(Experiment e, ExperimentData data, MethodSpec spec, int seed) {
        String name = runName(e, spec, seed);
        Map<String, Object> methodParams = Methods.params(e, spec);
        DlModel model = e.network().factory().create(seed, methodParams);
        Method method = Methods.create(e, spec);
        // b and tau_th as the method runs them: a variant's or --set's value, never the experiment's default
        int batchSize = ((Number) method.params().get("batchSize")).intValue();
        double tauTh = method.params().get("tauTh") instanceof Number n ? n.doubleValue() : Double.POSITIVE_INFINITY;
        Budget budget = e.training().budget();
        LrSchedule schedule = e.training().schedule();
        double lrScale = Methods.lrScale(e, spec);
        Map<String, Object> config = config(e, data, spec, seed);
        String configJson;
        try {
            configJson = Json.MAPPER.writeValueAsString(config);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        SampleSource train = Sources.of(data.train());
        Evaluator eval = new Evaluator(data.train(), data.validation(), data.test(), e.evaluation().trainSize(),
                e.evaluation().testSize());
        org.isrepro.records.Provenance provenance = Provenance.collect(data.checksums());

        State s = new State();
        Path ckpt = options.checkpointsDir().resolve(name + ".ckpt");
        LockstepExport export = options.lockstep();
        org.isrepro.core.model.Model stepModel = model;
        if (export != null) {
            if (Files.exists(ckpt)) {
                throw new IllegalArgumentException("a lockstep export needs the run from its first step, but " + ckpt
                        + " would resume it: delete that checkpoint or export into another --out");
            }
            export.start(model, e.network().factory().create(seed + 1L, methodParams), config, provenance,
                    data.train(), data.validation(), data.test(),
                    Evaluator.subset(data.train().size(), e.evaluation().trainSize()));
            train = export.wrap(train);
            stepModel = export.wrap(model);
        }
        if (Files.exists(ckpt)) {
            s = resume(ckpt, configJson, model, method);
        }
        int nextEval = s.series.size();
        if (nextEval == 0) {
            s.series.add(evaluate(model, eval, s, schedule.at(0) * lrScale, data.train().size()));
            exportEvaluation(export, s);
            nextEval = 1;
        }
        double lastCheckpointWall = System.nanoTime();
        CheckpointEvery every = options.checkpointEvery(e.scale());
        ProgressBar bar = options.progressBar() ? new ProgressBarBuilder().setTaskName(name).setInitialMax(1000)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(2000).continuousUpdate().build() : null;
        String status = "completed";
        try {
            StopRequest.enterTraining();
            while (budget.progress(s.cost, s.wall, s.iteration) < 1.0) {
                String signal = StopRequest.requested();
                if (signal != null) {
                    checkpoint(ckpt, configJson, model, method, s);
                    throw new Interrupted(name + " stopped by " + signal + " at iteration " + s.iteration
                            + "; checkpoint " + ckpt + "; run the same command again to resume");
                }
                double progress = budget.progress(s.cost, s.wall, s.iteration);
                double lr = schedule.at(progress) * lrScale;
                StepContext ctx = new StepContext(s.iteration, lr, Rng.stream(seed, "step", s.iteration));
                boolean tauWasAbove = Double.isFinite(s.tau) && s.tau > tauTh;
                if (export != null) {
                    export.beginStep(s.iteration, lr);
                }
                long t0 = System.nanoTime();
                StepReport r = method.step(stepModel, train, ctx);
                s.wall += (System.nanoTime() - t0) / 1e9;
                if (export != null) {
                    export.endStep(r);
                }
                s.cost += r.costUnits();
                s.iteration++;
                s.samplesSeen += batchSize;
                s.lastLr = r.learningRate();
                if (tauWasAbove && s.firstTauAbove < 0) {
                    s.firstTauAbove = s.iteration - 1;
                }
                if (r.importanceSampled()) {
                    s.isIterations++;
                    if (s.firstIsOn < 0) {
                        s.firstIsOn = s.iteration - 1;
                        s.firstIsOnSeconds = s.wall;
                        s.firstIsOnCost = s.cost;
                    }
                }
                s.tau = r.tau();
                s.isOn = r.importanceSampled();
                if (!Double.isFinite(r.loss())) {
                    LOG.warn("{}: training loss is {} at iteration {}; the run diverged", name, r.loss(), s.iteration);
                    status = "diverged";
                    s.series.add(new SeriesPoint(s.wall, s.cost, s.iteration, s.samplesSeen,
                            s.samplesSeen / (double) data.train().size(), null, null, null, null,
                            RecordFiles.finite(s.tau), s.isOn, s.lastLr));
                    break;
                }
                if (bar != null) {
                    bar.stepTo((long) (1000 * Math.min(1, budget.progress(s.cost, s.wall, s.iteration))));
                    bar.setExtraMessage(String.format(" loss %.4f tau %.3f%s", r.loss(), s.tau, s.isOn ? " IS" : ""));
                }
                boolean due = budget.progress(s.cost, s.wall, s.iteration)
                        >= nextEval / (double) e.evaluation().evaluations();
                if (due) {
                    s.series.add(evaluate(model, eval, s, s.lastLr, data.train().size()));
                    exportEvaluation(export, s);
                    nextEval++;
                    if (nextEval - 1 == options.stopAfterEvaluations()) {
                        checkpoint(ckpt, configJson, model, method, s);
                        throw new Stopped(name + " stopped after evaluation " + (nextEval - 1));
                    }
                }
                double now = System.nanoTime();
                if (budget.progress(s.cost, s.wall, s.iteration) < 1.0
                        && every.due(s.iteration, (now - lastCheckpointWall) / 1e9)) {
                    checkpoint(ckpt, configJson, model, method, s);
                    lastCheckpointWall = now;
                }
            }
            if ("completed".equals(status) && s.series.get(s.series.size() - 1).iteration() != s.iteration) {
                s.series.add(evaluate(model, eval, s, s.lastLr, data.train().size()));
                exportEvaluation(export, s);
            }
            if (export != null) {
                export.finish(status);
            }
        } finally {
            StopRequest.leaveTraining();
            if (bar != null) {
                bar.close();
            }
        }
        RunRecord record = record(e, spec, seed, status, config, provenance, s);
        record.write(recordPath(e, spec, seed));
        try {
            Files.deleteIfExists(ckpt);
        } catch (IOException ex) {
            LOG.warn("could not delete finished checkpoint {}: {}", ckpt, ex.getMessage());
        }
        SeriesPoint last = s.series.get(s.series.size() - 1);
        LOG.info("{}: {} after {} iterations ({} importance-sampled), {} s, {} cost units; train loss {}, "
                + "test error {}", name, status, s.iteration, s.isIterations, Math.round(s.wall),
                String.format(Locale.ROOT, "%.3g", s.cost), last.trainLoss(), last.testError());
        return record;
    }

    /** Mutable progress of a run; what a checkpoint saves. */
    private static final class State {
        long iteration;
        long samplesSeen;
        double cost;
        double wall;
        double tau = Double.NaN;
        boolean isOn;
        double lastLr;
        long isIterations;
        long firstIsOn = -1;
        long firstTauAbove = -1;
        double firstIsOnSeconds = Double.NaN;
        double firstIsOnCost = Double.NaN;
        int resumedCount;
        final List<SeriesPoint> series = new ArrayList<>();
    }

    private static SeriesPoint evaluate(DlModel model, Evaluator eval, State s, double lr, int trainSize) {
        Evaluator.Metrics train = eval.train(model);
        Evaluator.Metrics test = eval.test(model);
        Evaluator.Metrics val = eval.validation(model);
        return new SeriesPoint(s.wall, s.cost, s.iteration, s.samplesSeen,
                s.samplesSeen / (double) trainSize, RecordFiles.finite(train.loss()),
                RecordFiles.finite(test.error()), RecordFiles.finite(test.loss()), RecordFiles.finite(val.error()),
                RecordFiles.finite(s.tau), s.isOn, lr);
    }

    private static void exportEvaluation(LockstepExport export, State s) {
        if (export != null) {
            SeriesPoint p = s.series.get(s.series.size() - 1);
            export.evaluation(p.iteration(), RecordFiles.orNaN(p.trainLoss()), RecordFiles.orNaN(p.testError()));
        }
    }

    private void checkpoint(Path file, String configJson, DlModel model, Method method, State s) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("config", configJson);
        run.put("iteration", s.iteration);
        run.put("samplesSeen", s.samplesSeen);
        run.put("cost", s.cost);
        run.put("wall", s.wall);
        run.put("tau", Json.finite(s.tau));
        run.put("isOn", s.isOn);
        run.put("lastLr", s.lastLr);
        run.put("isIterations", s.isIterations);
        run.put("firstIsOn", s.firstIsOn);
        run.put("firstTauAbove", s.firstTauAbove);
        run.put("firstIsOnSeconds", Json.finite(s.firstIsOnSeconds));
        run.put("firstIsOnCost", Json.finite(s.firstIsOnCost));
        run.put("resumedCount", s.resumedCount);
        run.put("dl4jIterationCount", model.iterationCount());
        new Checkpoint(run, s.series, method.state(), model.params(), model.optimizerState()).write(file);
    }

    private State resume(Path file, String configJson, DlModel model, Method method) {
        Checkpoint c = Checkpoint.read(file);
        Map<String, Object> run = c.runState();
        List<String> changed = Json.differences(comparable(run.get("config")), comparable(configJson), 5);
        if (!changed.isEmpty()) {
            Path stale = file.resolveSibling(file.getFileName() + ".stale-" + Instant.now().toEpochMilli());
            try {
                Files.move(file, stale, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException ex) {
                throw new UncheckedIOException("checkpoint " + file + " belongs to another configuration and could"
                        + " not be moved aside", ex);
            }
            LOG.warn("checkpoint {} was written with another configuration ({}); kept as {} and starting afresh",
                    file, String.join("; ", changed), stale);
            return new State();
        }
        State s = new State();
        s.iteration = ((Number) run.get("iteration")).longValue();
        s.samplesSeen = ((Number) run.get("samplesSeen")).longValue();
        s.cost = ((Number) run.get("cost")).doubleValue();
        s.wall = ((Number) run.get("wall")).doubleValue();
        s.tau = run.get("tau") == null ? Double.NaN : ((Number) run.get("tau")).doubleValue();
        s.isOn = (Boolean) run.get("isOn");
        s.lastLr = ((Number) run.get("lastLr")).doubleValue();
        s.isIterations = ((Number) run.get("isIterations")).longValue();
        s.firstIsOn = ((Number) run.get("firstIsOn")).longValue();
        s.firstTauAbove = ((Number) run.get("firstTauAbove")).longValue();
        s.firstIsOnSeconds = run.get("firstIsOnSeconds") == null ? Double.NaN
                : ((Number) run.get("firstIsOnSeconds")).doubleValue();
        s.firstIsOnCost = run.get("firstIsOnCost") == null ? Double.NaN
                : ((Number) run.get("firstIsOnCost")).doubleValue();
        s.resumedCount = ((Number) run.get("resumedCount")).intValue() + 1;
        s.series.addAll(c.series());
        model.setParams(c.params().castTo(model.params().dataType()));
        model.setOptimizerState(c.optimizerState().castTo(model.params().dataType()));
        model.setIterationCount(((Number) run.get("dl4jIterationCount")).intValue());
        method.restore(c.methodState());
        LOG.info("resumed {} at iteration {} ({} evaluations done)", file.getFileName(), s.iteration, s.series.size());
        return s;
    }

    private static RunRecord record(Experiment e, MethodSpec spec, int seed, String status, Map<String, Object> config,
                                    org.isrepro.records.Provenance provenance, State s) {
        SeriesPoint last = s.series.get(s.series.size() - 1);
        Summary summary = new Summary(last.trainLoss(), last.testError(), last.validationError(), s.iteration,
                s.isIterations, s.firstIsOn < 0 ? null : s.firstIsOn, s.firstTauAbove < 0 ? null : s.firstTauAbove,
                RecordFiles.finite(s.firstIsOnSeconds), RecordFiles.finite(s.firstIsOnCost), s.wall, s.cost);
        return new RunRecord(RunRecord.SCHEMA.id(), e.id(), spec.method(), spec.variant(), seed, e.scale().id(), status,
                e.about().standIn(), new RunConfig(config), provenance.finished(Instant.now().toString())
                .resumed(s.resumedCount), s.series, summary);
    }
}
