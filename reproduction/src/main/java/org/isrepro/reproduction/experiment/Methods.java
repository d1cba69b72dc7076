package org.isrepro.reproduction.experiment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.isrepro.core.method.ImportanceSampling;
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
    public static final List<String> IDS = List.of("uniform", "loss", "upper-bound", "gradient-norm", "osgd", "rais");

    public static Method create(Experiment e, MethodSpec spec) {
        Map<String, Object> p = new HashMap<>(e.methodDefaults());
        p.putAll(spec.overrides());
        int b = intParam(p, "batchSize", e.batchSize());
        int bigB = intParam(p, "presample", e.presample());
        Method m = switch (spec.method()) {
            case "uniform" -> new Uniform(b);
            case "loss", "upper-bound", "gradient-norm" -> new ImportanceSampling(Scorers.byId(spec.method()),
                    new ImportanceSampling.Config(b, bigB, doubleParam(p, "tauTh", e.tauTh()),
                            doubleParam(p, "aTau", e.aTau()), intParam(p, "chunkSize", bigB),
                            ImportanceSampling.TauPopulation.valueOf(
                                    String.valueOf(p.getOrDefault("tauPopulation", "BATCH")))));
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
