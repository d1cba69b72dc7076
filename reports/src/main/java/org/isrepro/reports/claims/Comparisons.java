package org.isrepro.reports.claims;

import org.isrepro.reports.analysis.Comparison;
import org.isrepro.reports.analysis.Finals;
import org.isrepro.reports.analysis.Paired;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.Scale;
import org.isrepro.reports.text.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.isrepro.records.MethodIds.UNIFORM;
import static org.isrepro.records.MethodIds.UPPER_BOUND;
import static org.isrepro.reports.claims.Claims.fmt;
import static org.isrepro.reports.claims.Claims.measured;
import static org.isrepro.reports.records.Scale.CPU;

/**
 * The frame of every comparison with uniform (§4.2-4.4) and how an interval over seeds becomes a verdict
 * (docs/statistics.md).
 */
final class Comparisons {

    private Comparisons() {
    }

    /**
     * The shared frame of every comparison with uniform (§4.2-4.4): the required methods must have finished runs
     * at one budget; at cpu scale the stand-in must have reached the regime in which importance sampling acts
     * ({@link Comparison#regime}), and an Algorithm 1 method that never switched on compares uniform with itself.
     * Either way the verdict is inconclusive with the reason, and the numbers are still reported. Otherwise
     * {@code judge} decides on the comparison, adding to the measured values it is given.
     */
    static Outcome compared(Results r, String experiment, Scale s, List<String> required,
                            BiFunction<Comparison, Map<String, Object>, Outcome> judge) {
        FinalsOrNotRun o = FinalsOrNotRun.of(r, experiment, s, required);
        if (o instanceof FinalsOrNotRun.NotRun n && n.neverSwitchedOn().isEmpty()) {
            return n.outcome();
        }
        Map<String, Object> m = measured();
        m.putAll(FinalsOrNotRun.measured(Finals.of(r.runs(), experiment, s)));
        Comparison c = new Comparison(r.runs(), experiment, s);
        Map<String, Object> regime = c.regime(UNIFORM, UPPER_BOUND, isCondition(experiment));
        m.put("regime", regime);
        m.put("equalBudgetRatios", c.equalBudgetRatios(UNIFORM, UPPER_BOUND));
        m.put("equalLossSpeedup", c.equalLossSpeedup(UNIFORM, UPPER_BOUND));
        if (o instanceof FinalsOrNotRun.NotRun n) {
            m.put("neverImportanceSampled", n.neverSwitchedOn());
            return new Outcome(Verdict.INCONCLUSIVE, m, "regime not reached: " + n.reason());
        }
        return judge.apply(c, m);
    }

    /**
     * What the regime asks of importance sampling in an experiment: §4.4's LSTM switches on part way through the
     * hour (about 2,000 of 3,600 seconds), the image experiments sample for most of training (docs/statistics.md).
     */
    static Comparison.IsCondition isCondition(String experiment) {
        return experiment.startsWith("lstm-") ? Comparison.IsCondition.SWITCHED_ON
                : Comparison.IsCondition.HALF_OF_ITERATIONS;
    }

    /** The regime rule at cpu scale: a verdict reached outside the regime is inconclusive, with the reason. */
    static Outcome inRegime(Outcome judged, Scale s, Map<String, Object> m) {
        if (s != CPU || judged.verdict() == Verdict.NOT_RUN) {
            return judged;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> regime = (Map<String, Object>) m.get("regime");
        if (regime == null || Boolean.TRUE.equals(regime.get("reached"))) {
            return judged;
        }
        String was = judged.verdict().id() + (judged.reason() == null ? "" : " (" + judged.reason() + ")");
        m.put("verdictInsideRegime", judged.verdict().id());
        return new Outcome(Verdict.INCONCLUSIVE, m, "the stand-in did not reach the regime in which importance "
                + "sampling acts: " + regime.get("reason") + "; the interval alone says " + was, judged.estimate());
    }

    /** pass / fail / inconclusive for "value below bound": the interval entirely below, entirely not, or across. */
    static Verdict belowBound(Paired.Interval i, double bound, boolean inclusive) {
        if (!Double.isFinite(i.estimate()) && !Double.isInfinite(i.estimate())) {
            return Verdict.NOT_RUN;
        }
        if (i.below(bound, inclusive)) {
            return Verdict.PASS;
        }
        if (i.above(bound, inclusive)) {
            return Verdict.FAIL;
        }
        return Verdict.INCONCLUSIVE;
    }

    /** The same for "value at least bound". */
    static Verdict atLeast(Paired.Interval i, double bound) {
        Verdict v = belowBound(i, bound, false);
        return switch (v) {
            case PASS -> Verdict.FAIL;
            case FAIL -> Verdict.PASS;
            default -> v;
        };
    }

    /** Fail if any part fails, else inconclusive if any part is, else pass. */
    static Verdict combine(List<Verdict> parts) {
        if (parts.contains(Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        if (parts.contains(Verdict.INCONCLUSIVE) || parts.contains(Verdict.NOT_RUN)) {
            return Verdict.INCONCLUSIVE;
        }
        return Verdict.PASS;
    }

    static String interval(Paired.Interval i) {
        return fmt(i.estimate()) + (i.hasInterval() ? " " + Numbers.interval(i.lo(), i.hi()) : "")
                + ", n=" + i.n();
    }

    /** The same for a claim's estimate. */
    static String interval(Estimate e) {
        return interval(new Paired.Interval(e.estimate(), e.lo(), e.hi(), e.n()));
    }

    static String method(Paired.Interval i, boolean logRatio) {
        return method(i, logRatio ? "log-ratios" : "differences");
    }

    /** How an interval over seeds was computed, {@code perSeed} naming the per-seed values it averages. */
    static String method(Paired.Interval i, String perSeed) {
        if (i.n() < 2) {
            return "n=" + i.n() + ": no interval, the point estimate decides";
        }
        return "paired t on per-seed " + perSeed + ", 95%";
    }

    /** Which of the equal-budget fractions have the ratio's interval entirely below the bound (the curve view). */
    @SuppressWarnings("unchecked")
    static String curveNote(Map<String, Object> m, double bound, boolean inclusive) {
        Map<String, Object> eb = (Map<String, Object>) m.get("equalBudgetRatios");
        if (eb == null) {
            return null;
        }
        List<String> below = new ArrayList<>();
        List<String> not = new ArrayList<>();
        eb.forEach((f, v) -> {
            Map<String, Object> x = (Map<String, Object>) v;
            double top = x.get("hi") instanceof Number n ? n.doubleValue()
                    : x.get("estimate") instanceof Number n2 ? n2.doubleValue() : Double.NaN;
            ((inclusive ? top <= bound : top < bound) ? below : not).add(f);
        });
        return "upper-bound/uniform loss ratio's interval below " + fmt(bound) + " at " + (below.isEmpty() ? "no"
                : String.join(", ", below)) + " of the budget" + (not.isEmpty() ? "; not at " + String.join(", ", not)
                : "");
    }
}
