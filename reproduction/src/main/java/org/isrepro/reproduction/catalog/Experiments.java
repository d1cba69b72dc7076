package org.isrepro.reproduction.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.isrepro.datasets.DryRun;
import org.isrepro.reproduction.experiment.BaselineExperiments;
import org.isrepro.reproduction.experiment.DryRunExperiment;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.PaperExperiments;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.rais.RaisExperiments;

/** Every experiment by id, in the order {@code isrepro list} and a full matrix take them. */
public final class Experiments {
    private static final Map<String, Function<Scale, Experiment>> REGISTRY = new LinkedHashMap<>();

    static {
        for (Map<String, Function<Scale, Experiment>> family : List.of(PaperExperiments.definitions(),
                BaselineExperiments.definitions(), RaisExperiments.definitions())) {
            REGISTRY.putAll(family);
        }
    }

    private Experiments() {
    }

    /** Adds an experiment for this process (tests register small ones). */
    public static synchronized void register(String id, Function<Scale, Experiment> definition) {
        REGISTRY.put(id, definition);
    }

    public static synchronized List<String> ids() {
        return new ArrayList<>(REGISTRY.keySet());
    }

    public static synchronized Experiment get(String id, Scale scale) {
        Function<Scale, Experiment> def = REGISTRY.get(id);
        if (def == null) {
            throw new IllegalArgumentException("unknown experiment '" + id + "'; known: " + REGISTRY.keySet());
        }
        Experiment e = def.apply(scale);
        // a dry run (ISREPRO_DRY_RUN) shrinks every paper-scale experiment to a few updates on synthetic data
        return scale == Scale.PAPER && DryRun.active() ? DryRunExperiment.of(e, DryRun.iterations().getAsInt()) : e;
    }
}
