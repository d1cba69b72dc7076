package org.isrepro.reports.claims;

import org.isrepro.reports.analysis.Curves;
import org.isrepro.reports.analysis.Comparison;
import org.isrepro.reports.analysis.Paired;
import org.isrepro.reports.records.Results;

import java.util.ArrayList;
import java.util.List;

import static org.isrepro.records.MethodIds.LOSHCHILOV_HUTTER;
import static org.isrepro.records.MethodIds.SCHAUL;
import static org.isrepro.records.MethodIds.UNIFORM;
import static org.isrepro.records.MethodIds.UPPER_BOUND;
import static org.isrepro.reports.claims.Claims.claim;
import static org.isrepro.reports.claims.Claims.criteria;
import static org.isrepro.reports.claims.Claims.fmt;
import static org.isrepro.reports.claims.Claims.runScales;
import static org.isrepro.reports.claims.Comparisons.atLeast;
import static org.isrepro.reports.claims.Comparisons.belowBound;
import static org.isrepro.reports.claims.Comparisons.combine;
import static org.isrepro.reports.claims.Comparisons.compared;
import static org.isrepro.reports.claims.Comparisons.curveNote;
import static org.isrepro.reports.claims.Comparisons.inRegime;
import static org.isrepro.reports.claims.Comparisons.interval;
import static org.isrepro.reports.claims.Comparisons.method;
import static org.isrepro.reports.records.Scale.PAPER;

/**
 * The two shapes of comparison with uniform that §4.2 and §4.4 share (Katharopoulos &amp; Fleuret 2018): final
 * training loss and final test error.
 */
final class ComparisonClaims {
    /** Absolute test-error tolerance below paper scale: about three standard errors on a 10,000-image test set. */
    static final double TEST_ERROR_TOL = 0.01;
    /** "Not better than uniform": a method's final loss is at least this fraction of uniform's. */
    static final double NOT_BETTER = 0.9;
    static final List<String> HISTORY_METHODS = List.of(LOSHCHILOV_HUTTER, SCHAUL);

    private ComparisonClaims() {
    }

    /**
     * upper-bound / uniform final training loss, below a bound per scale; {@code inclusive} chooses ≤ or
     * < at cpu scale (as claims.md words it). Methods in {@code notBetter} must not beat uniform. Judged on the
     * paired ratio over seeds with its 95% interval (docs/statistics.md).
     */
    static Claim trainLossRatio(String id, String source, String statement, String paperValue,
                                String experiment, double paperBound, double cpuBound, boolean inclusive,
                                List<String> notBetter) {
        List<String> others = new ArrayList<>(notBetter);
        if (!notBetter.isEmpty()) {
            others.addAll(HISTORY_METHODS);
        }
        String rest = others.isEmpty() ? "" : "; and for each of " + others + " present the ratio to uniform's "
                + "final loss is ≥ " + NOT_BETTER + " (no speed-up; " + notBetter + " required, the history baselines "
                + "judged when present)";
        String cpu = "paired ratio upper-bound/uniform of final training loss (last evaluation, equal budget), 95% "
                + "interval over seeds entirely " + (inclusive ? "≤ " : "< ") + fmt(cpuBound) + " → pass, entirely "
                + "above → fail, across → inconclusive; inconclusive when the stand-in is outside the regime "
                + "(uniform's loss falls < " + (int) Comparison.REGIME_LOSS_DROP + "x or IS on < "
                + (int) (100 * Comparison.REGIME_IS_SHARE) + "% of iterations)" + rest;
        String paper = "paired ratio upper-bound/uniform of final training loss, 95% interval entirely "
                + (paperBound < 0.15 ? "< " : "≤ ") + fmt(paperBound) + " at equal wall-clock budget" + rest;
        List<String> required = new ArrayList<>(List.of(UNIFORM, UPPER_BOUND));
        required.addAll(notBetter);
        return claim(id, source, statement, paperValue, Results.RUNS + "/" + experiment + "__*.json",
                runScales(experiment), criteria(null, cpu, paper),
                (r, s) -> compared(r, experiment, s, required, (c, m) -> {
                    double bound = s == PAPER ? paperBound : cpuBound;
                    boolean incl = s == PAPER ? paperBound >= 0.15 : inclusive;
                    Paired.Interval ratio = c.lossRatio(UNIFORM, UPPER_BOUND);
                    m.put("headline", "ub/uniform loss " + interval(ratio));
                    m.put("ratioUpperBoundOverUniform", ratio.asMap());
                    m.put("curve", curveNote(m, bound, incl));
                    List<Verdict> parts = new ArrayList<>();
                    List<String> why = new ArrayList<>();
                    Verdict main = belowBound(ratio, bound, incl);
                    parts.add(main);
                    if (main != Verdict.PASS) {
                        why.add("upper-bound/uniform final loss " + interval(ratio) + (main == Verdict.FAIL
                                ? " not " : " straddles ") + (incl ? "≤ " : "< ") + fmt(bound));
                    }
                    List<String> notRun = new ArrayList<>();
                    for (String other : others) {
                        if (!c.has(other)) {
                            notRun.add(other);
                            continue;
                        }
                        Paired.Interval q = c.lossRatio(UNIFORM, other);
                        m.put("ratio " + other + "/uniform", q.asMap());
                        Verdict v = atLeast(q, NOT_BETTER);
                        parts.add(v);
                        if (v != Verdict.PASS) {
                            why.add(other + "/uniform final loss " + interval(q) + (v == Verdict.FAIL
                                    ? " < " : " straddles ") + NOT_BETTER + (v == Verdict.FAIL ? " (speeds up)" : ""));
                        }
                    }
                    if (!notRun.isEmpty()) {
                        m.put("notRun", notRun);
                    }
                    Verdict v = combine(parts);
                    Estimate est = new Estimate("ratio upper-bound/uniform of final training loss, paired over seeds",
                            ratio.estimate(), ratio.lo(), ratio.hi(), ratio.n(), method(ratio, true),
                            (incl ? "≤ " : "< ") + fmt(bound));
                    return inRegime(new Outcome(v, m, why.isEmpty() ? null : String.join("; ", why), est), s, m);
                }));
    }

    static Claim testError(String id, String source, String statement, String paperValue,
                           String experiment) {
        String cpu = "paired difference upper-bound − uniform of final test error at equal budget, 95% interval over "
                + "seeds entirely ≤ +" + TEST_ERROR_TOL + " → pass, entirely above → fail, across → inconclusive; "
                + "inconclusive outside the regime; relative change reported";
        String paper = "paired difference upper-bound − uniform of final test error, 95% interval entirely ≤ 0 at "
                + "equal wall-clock budget";
        return claim(id, source, statement, paperValue, Results.RUNS + "/" + experiment + "__*.json",
                runScales(experiment), criteria(null, cpu, paper),
                (r, s) -> compared(r, experiment, s, List.of(UNIFORM, UPPER_BOUND), (c, m) -> {
                    double tol = s == PAPER ? 0 : TEST_ERROR_TOL;
                    Paired.Interval d = c.testErrorDifference(UNIFORM, UPPER_BOUND);
                    double u = Curves.mean(new ArrayList<>(c.finalTestError(UNIFORM).values()));
                    double ub = Curves.mean(new ArrayList<>(c.finalTestError(UPPER_BOUND).values()));
                    m.put("headline", "test error " + fmt(u) + " → " + fmt(ub) + "; difference " + interval(d));
                    m.put("differenceUpperBoundMinusUniform", d.asMap());
                    m.put("relativeChange", (ub - u) / u);
                    Verdict v = belowBound(d, tol, true);
                    Estimate est = new Estimate("difference upper-bound − uniform of final test error, paired over "
                            + "seeds", d.estimate(), d.lo(), d.hi(), d.n(), method(d, false), "≤ " + fmt(tol));
                    String why = v == Verdict.PASS ? null : "upper-bound − uniform test error " + interval(d)
                            + (v == Verdict.FAIL ? " > " : " straddles ") + fmt(tol);
                    return inRegime(new Outcome(v, m, why, est), s, m);
                }));
    }
}
