package org.isrepro.reproduction.experiment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.isrepro.core.method.BiasedImportanceSampling;
import org.isrepro.core.method.ImportanceSampling;
import org.isrepro.core.method.Katyusha;
import org.isrepro.core.method.OnlineBatchSelection;
import org.isrepro.core.method.PrioritizedHistory;
import org.isrepro.core.method.Scsg;
import org.isrepro.core.method.Svrg;
import org.isrepro.core.method.Method;
import org.isrepro.core.method.Uniform;
import org.isrepro.core.score.Scorers;
import org.isrepro.reproduction.checks.TrainSubset;
import org.isrepro.reproduction.rais.RaisMethods;

/** Builds the {@link Method} a run uses from its id, the experiment's defaults and the spec's overrides. */
public final class Methods {
    private Methods() {
    }

    /** Method ids this factory knows. */
    public static final List<String> IDS = List.of("uniform", "loss", "upper-bound", "gradient-norm",
            "loshchilov-hutter", "schaul", "svrg", "katyusha", "scsg", "biased", "osgd", "rais");

    /**
     * Overrides every method accepts: {@code lrScale} multiplies the experiment's learning-rate schedule
     * (appendix C tunes the learning rate of the variance-reduced methods).
     */
    /** The experiment's method defaults overridden by the spec's: what a run's method and network read. */
    public static Map<String, Object> params(Experiment e, MethodSpec spec) {
        Map<String, Object> p = new HashMap<>(e.methodDefaults());
        p.putAll(spec.overrides());
        return p;
    }

    public static double lrScale(Experiment e, MethodSpec spec) {
        Map<String, Object> p = params(e, spec);
        double scale = doubleParam(p, "lrScale", 1.0);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("lrScale must be positive and finite, got " + scale);
        }
        return scale;
    }

    public static Method create(Experiment e, MethodSpec spec) {
        Map<String, Object> p = params(e, spec);
        int b = intParam(p, "batchSize", e.batchSize());
        int bigB = intParam(p, "presample", e.presample());
        Method m = switch (spec.method()) {
            case "uniform" -> new Uniform(b);
            case "loss", "upper-bound", "gradient-norm" -> new ImportanceSampling(Scorers.byId(spec.method()),
                    new ImportanceSampling.Config(b, bigB, doubleParam(p, "tauTh", e.tauTh()),
                            doubleParam(p, "aTau", e.aTau()), intParam(p, "chunkSize", bigB),
                            ImportanceSampling.TauPopulation.valueOf(
                                    String.valueOf(p.getOrDefault("tauPopulation", "BATCH")))));
            case "loshchilov-hutter" -> new OnlineBatchSelection(OnlineBatchSelection.Config.of(b,
                    doubleParam(p, "selectionPressure", 100), intParam(p, "recomputeInterval", 600)));
            case "schaul" -> new PrioritizedHistory(PrioritizedHistory.Config.of(b, doubleParam(p, "alpha", 1.0),
                    doubleParam(p, "beta", 1.0)));
            case "svrg" -> new Svrg(Svrg.Config.of(b, doubleParam(p, "snapshotEpochs", 1.0)));
            case "katyusha" -> new Katyusha(Katyusha.Config.of(b, doubleParam(p, "snapshotEpochs", 1.0),
                    doubleParam(p, "tau1", 0.5)));
            case "scsg" -> new Scsg(Scsg.Config.of(b, intParam(p, "largeBatch", 8 * b), doubleParam(p, "growth", 1.5)));
            case "biased" -> new BiasedImportanceSampling(Scorers.byId(String.valueOf(p.getOrDefault("scorer", "loss"))),
                    BiasedImportanceSampling.Config.of(b));
            case "osgd", "rais" -> RaisMethods.create(e, spec.method(), p);
            default -> throw new IllegalArgumentException("unknown method '" + spec.method() + "'; known: " + IDS);
        };
        return TrainSubset.wrapIfRequested(m, p);
    }

    static int intParam(Map<String, Object> p, String key, int fallback) {
        Object v = p.get(key);
        return v == null ? fallback : ((Number) v).intValue();
    }

    static double doubleParam(Map<String, Object> p, String key, double fallback) {
        Object v = p.get(key);
        return v == null ? fallback : ((Number) v).doubleValue();
    }
}
