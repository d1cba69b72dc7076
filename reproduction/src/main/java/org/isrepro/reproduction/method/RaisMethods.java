package org.isrepro.reproduction.method;

import org.isrepro.core.method.Method;
import org.isrepro.core.method.rais.EffectiveSchedule;
import org.isrepro.core.method.rais.OracleSgd;
import org.isrepro.core.method.rais.Rais;
import org.isrepro.core.method.rais.RaisConfig;
import org.isrepro.core.model.Cost;
import org.isrepro.reproduction.experiment.Budget;
import org.isrepro.reproduction.experiment.Experiment;

/**
 * Builds {@code rais} and {@code osgd} for an experiment. The runner's schedule is over the fraction of
 * the budget; these methods evaluate it at the effective iteration instead: lr_sched(t̂) =
 * schedule.at(t̂ / T), where T is the plain-SGD budget in iterations — the budget itself for an
 * iterations budget, budget / (3b) for a cost budget (a uniform step costs 3b), and the method parameter
 * {@code effectiveIterations} for a wall-clock budget (required there). After t̂ ≥ T the schedule's last
 * value applies; the runner, not t̂, ends the run (docs/rais.md).
 *
 * <p>Parameters besides {@code batchSize} and {@code effectiveIterations}: {@code rais.<name>} for every
 * {@link RaisConfig} field, and {@code osgd.gain}, {@code osgd.rMax}, {@code osgd.chunkSize}.
 */
public final class RaisMethods {
    private RaisMethods() {
    }

    static Method create(Experiment e, String id, int b, Params p) {
        double total = effectiveBudget(e, b, p.optionalReal("effectiveIterations"));
        EffectiveSchedule schedule = tHat -> e.training().schedule().at(tHat / total);
        if (id.equals(Rais.ID)) {
            RaisConfig defaults = RaisConfig.defaults(b);
            return new Rais(defaults.with(p.prefixed("rais.", defaults.describe().keySet())), schedule);
        }
        if (id.equals(OracleSgd.ID)) {
            OracleSgd.Gain gain = p.choice("osgd.gain", OracleSgd.Gain.class, OracleSgd.Gain.EXACT);
            return new OracleSgd(b, gain, p.real("osgd.rMax", 10.0), schedule, p.integer("osgd.chunkSize", 500));
        }
        throw new IllegalArgumentException("not a RAIS-family method: " + id);
    }

    /**
     * T, the plain-SGD budget in iterations, on which t̂ / T is the schedule's fraction; {@code effectiveIterations}
     * (null: not given) replaces it and is required for a wall-clock budget.
     */
    public static double effectiveBudget(Experiment e, int batchSize, Double effectiveIterations) {
        if (effectiveIterations != null) {
            return effectiveIterations;
        }
        Budget budget = e.training().budget();
        return switch (budget.unit()) {
            case ITERATIONS -> budget.amount();
            case COST -> budget.amount() / Cost.step(batchSize);
            case SECONDS -> throw new IllegalArgumentException(e.id() + ": a wall-clock budget has no iteration count;"
                    + " give the method parameter 'effectiveIterations' (the plain-SGD iteration budget T)");
        };
    }
}
