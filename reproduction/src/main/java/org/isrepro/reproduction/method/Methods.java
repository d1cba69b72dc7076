package org.isrepro.reproduction.method;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.isrepro.core.method.BiasedImportanceSampling;
import org.isrepro.core.method.ImportanceSampling;
import org.isrepro.core.method.Katyusha;
import org.isrepro.core.method.Method;
import org.isrepro.core.method.OnlineBatchSelection;
import org.isrepro.core.method.PrioritizedHistory;
import org.isrepro.core.method.Scsg;
import org.isrepro.core.method.Svrg;
import org.isrepro.core.method.Uniform;
import org.isrepro.core.method.rais.OracleSgd;
import org.isrepro.core.method.rais.Rais;
import org.isrepro.core.score.GradientNormScorer;
import org.isrepro.core.score.LossScorer;
import org.isrepro.core.score.Scorers;
import org.isrepro.core.score.UpperBoundScorer;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.MethodSpec;

/**
 * Builds the {@link Method} a run uses from its id and its parameters: the experiment's method defaults,
 * then the spec's overrides, then a run's {@code --set}, the later winning. Each method reads its parameters
 * by name and type into its core configuration, defaulting b, B, tau_th and a_tau to the experiment's
 * protocol; a key given in the spec or by {@code --set} that the method does not read is an error listing
 * the ones it does.
 *
 * <p>Every method also reads {@code lrScale}, a factor on the experiment's learning-rate schedule (appendix C
 * tunes the learning rate of the variance-reduced methods), {@code trainFraction} ({@link TrainSubset}) and
 * the parameters the experiment's network honours ({@code momentum} for the §4.2 WRN).
 */
public final class Methods {
    /** Method ids this factory knows. */
    public static final List<String> IDS = List.of(Uniform.ID, LossScorer.ID, UpperBoundScorer.ID,
            GradientNormScorer.ID, OnlineBatchSelection.ID, PrioritizedHistory.ID, Svrg.ID, Katyusha.ID, Scsg.ID,
            BiasedImportanceSampling.ID, OracleSgd.ID, Rais.ID);

    private static final String LR_SCALE = "lrScale";

    private Methods() {
    }

    /** The experiment's method defaults overridden by the spec's and the run's: what a run's method and network read. */
    public static Map<String, Object> params(Experiment e, MethodSpec spec) {
        Map<String, Object> p = new LinkedHashMap<>(e.methodDefaults());
        p.putAll(spec.overrides());
        p.putAll(spec.set());
        return p;
    }

    public static double lrScale(Experiment e, MethodSpec spec) {
        return lrScale(new Params(spec.method(), params(e, spec)));
    }

    private static double lrScale(Params p) {
        double scale = p.real(LR_SCALE, 1.0);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("lrScale must be positive and finite, got " + scale);
        }
        return scale;
    }

    /** The method a run steps; fails on a parameter the method does not have, listing the ones it has. */
    public static Method create(Experiment e, MethodSpec spec) {
        Params p = new Params(spec.method(), params(e, spec));
        Method m = build(e, spec.method(), p);
        lrScale(p);
        p.alsoKnown(e.network().factory().params());
        p.requireKnown(spec.overrides().keySet(), "overrides of " + spec.label() + " in " + e.id());
        p.alsoKnown(Experiment.Protocol.KEYS); // --set applies these to the protocol as well
        p.requireKnown(spec.set().keySet(), "--set");
        return m;
    }

    /** The parameters {@code method} reads in experiment {@code e}, in the order it reads them. */
    public static List<String> known(Experiment e, String method) {
        Params p = new Params(method, params(e, MethodSpec.of(method)));
        build(e, method, p);
        lrScale(p);
        p.alsoKnown(e.network().factory().params());
        return p.known();
    }

    private static Method build(Experiment e, String id, Params p) {
        Experiment.Protocol protocol = e.protocol();
        int b = p.integer("batchSize", protocol.batchSize());
        Method m = switch (id) {
            case Uniform.ID -> new Uniform(b);
            case LossScorer.ID, UpperBoundScorer.ID, GradientNormScorer.ID -> {
                int bigB = p.integer("presample", protocol.presample());
                yield new ImportanceSampling(Scorers.byId(id), new ImportanceSampling.Config(b, bigB,
                        p.real("tauTh", protocol.tauTh()), p.real("aTau", protocol.aTau()), p.integer("chunkSize", bigB),
                        p.choice("tauPopulation", ImportanceSampling.TauPopulation.class,
                                ImportanceSampling.TauPopulation.BATCH)));
            }
            case OnlineBatchSelection.ID -> new OnlineBatchSelection(OnlineBatchSelection.Config.of(b,
                    p.real("selectionPressure", 100), p.integer("recomputeInterval", 600)));
            case PrioritizedHistory.ID -> new PrioritizedHistory(PrioritizedHistory.Config.of(b, p.real("alpha", 1.0),
                    p.real("beta", 1.0)));
            case Svrg.ID -> new Svrg(Svrg.Config.of(b, p.real("snapshotEpochs", 1.0)));
            case Katyusha.ID -> new Katyusha(Katyusha.Config.of(b, p.real("snapshotEpochs", 1.0), p.real("tau1", 0.5)));
            case Scsg.ID -> new Scsg(Scsg.Config.of(b, p.integer("largeBatch", 8 * b), p.real("growth", 1.5)));
            case BiasedImportanceSampling.ID -> new BiasedImportanceSampling(Scorers.byId(p.text("scorer",
                    LossScorer.ID)), BiasedImportanceSampling.Config.of(b));
            case OracleSgd.ID, Rais.ID -> RaisMethods.create(e, id, b, p);
            default -> throw new IllegalArgumentException("unknown method '" + id + "'; known: " + IDS);
        };
        return TrainSubset.wrapIfRequested(m, p);
    }
}
