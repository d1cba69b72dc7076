package org.isrepro.reproduction.rais;

import java.util.LinkedHashMap;
import java.util.Map;
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
 * <p>Parameters from the experiment's method defaults and the spec's overrides: {@code batchSize},
 * {@code effectiveIterations}, keys {@code rais.<name>} for every {@link RaisConfig} field, and
 * {@code osgd.gain}, {@code osgd.rMax}, {@code osgd.chunkSize}.
 */
public final class RaisMethods {
    private RaisMethods() {
    }

    public static Method create(Experiment e, String id, Map<String, Object> p) {
        int b = p.get("batchSize") instanceof Number n ? n.intValue() : e.batchSize();
        double total = effectiveBudget(e, b, p);
        EffectiveSchedule schedule = tHat -> e.schedule().at(tHat / total);
        if (id.equals(Rais.ID)) {
            Map<String, Object> overrides = new LinkedHashMap<>();
            for (Map.Entry<String, Object> x : p.entrySet()) {
                if (x.getKey().startsWith("rais.")) {
                    overrides.put(x.getKey().substring("rais.".length()), x.getValue());
                }
            }
            return new Rais(RaisConfig.defaults(b).with(overrides), schedule);
        }
        if (id.equals(OracleSgd.ID)) {
            OracleSgd.Gain gain = OracleSgd.Gain.valueOf(String.valueOf(p.getOrDefault("osgd.gain", "EXACT")));
            double rMax = ((Number) p.getOrDefault("osgd.rMax", 10.0)).doubleValue();
            int chunk = ((Number) p.getOrDefault("osgd.chunkSize", 500)).intValue();
            return new OracleSgd(b, gain, rMax, schedule, chunk);
        }
        throw new IllegalArgumentException("not a RAIS-family method: " + id);
    }

    /** T, the plain-SGD budget in iterations, on which t̂ / T is the schedule's fraction. */
    public static double effectiveBudget(Experiment e, int batchSize, Map<String, Object> p) {
        if (p.get("effectiveIterations") instanceof Number n) {
            return n.doubleValue();
        }
        Budget budget = e.budget();
        return switch (budget.unit()) {
            case ITERATIONS -> budget.amount();
            case COST -> budget.amount() / Cost.step(batchSize);
            case SECONDS -> throw new IllegalArgumentException(e.id() + ": a wall-clock budget has no iteration count;"
                    + " give the method parameter 'effectiveIterations' (the plain-SGD iteration budget T)");
        };
    }
}
