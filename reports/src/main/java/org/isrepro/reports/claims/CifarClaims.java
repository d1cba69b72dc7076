package org.isrepro.reports.claims;

import org.isrepro.reports.analysis.Band;
import org.isrepro.reports.analysis.Curves;
import org.isrepro.reports.analysis.Finals;
import org.isrepro.reports.analysis.Paired;
import org.isrepro.reports.records.Point;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.RunRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.isrepro.records.MethodIds.LOSS;
import static org.isrepro.records.MethodIds.UNIFORM;
import static org.isrepro.records.MethodIds.UPPER_BOUND;
import static org.isrepro.reports.claims.Claims.claim;
import static org.isrepro.reports.claims.Claims.criteria;
import static org.isrepro.reports.claims.Claims.fmt;
import static org.isrepro.reports.claims.Claims.runScales;
import static org.isrepro.reports.claims.ComparisonClaims.testError;
import static org.isrepro.reports.claims.ComparisonClaims.trainLossRatio;
import static org.isrepro.reports.claims.Comparisons.belowBound;
import static org.isrepro.reports.claims.Comparisons.combine;
import static org.isrepro.reports.claims.Comparisons.compared;
import static org.isrepro.reports.claims.Comparisons.inRegime;
import static org.isrepro.reports.claims.Comparisons.interval;
import static org.isrepro.reports.records.Scale.PAPER;

/** Katharopoulos &amp; Fleuret 2018, §4.2: wide residual networks on CIFAR-10 and CIFAR-100 (Fig. 3). */
final class CifarClaims {

    private CifarClaims() {
    }

    static Claim cifar10TrainLoss() {
        return trainLossRatio("cifar10-train-loss", "§4.2, Fig. 3",
                "CIFAR-10: more than an order of magnitude lower training loss than uniform at equal time.",
                "upper-bound / uniform final training loss < 0.1", "wrn-cifar10", 0.1, 1.0, true, List.of());
    }

    static Claim cifar10TestError() {
        return testError("cifar10-test-error", "§4.2", "CIFAR-10 test error 0.087 → 0.079 (8% relative).",
                "uniform 0.087, upper-bound 0.079", "wrn-cifar10");
    }

    static Claim cifar100TrainLoss() {
        return trainLossRatio("cifar100-train-loss", "§4.2, Fig. 3",
                "CIFAR-100: about 3× lower training loss; only the upper bound speeds up CIFAR-100.",
                "upper-bound / uniform final training loss ≈ 1/3; loss, L&H, Schaul no speed-up", "wrn-cifar100",
                0.5, 1.0, false, List.of(LOSS));
    }

    static Claim cifar100TestError() {
        return testError("cifar100-test-error", "§4.2", "CIFAR-100 test error 0.34 → 0.32 (5% relative).",
                "uniform 0.34, upper-bound 0.32", "wrn-cifar100");
    }

    static final double EARLY_FROM = 4000;
    static final double EARLY_TO = 8000;

    static Claim cifar10AllMethods() {
        String speed = "every method other than uniform (loss and upper-bound required; loshchilov-hutter, schaul "
                + "when present) has a paired final-training-loss ratio to uniform whose 95% interval over seeds is "
                + "entirely < 1 (pass; entirely ≥ 1 fails, across is inconclusive) at equal budget";
        String paper = speed + "; and over evaluations in " + (int) EARLY_FROM + "-" + (int) EARLY_TO
                + " s the mean test error of upper-bound < uniform's while every other method's ≥ uniform's";
        String cpu = speed + " (the early test-error part is judged only at paper scale, where the paper's seconds "
                + "apply)";
        return claim("cifar10-all-methods", "§4.2",
                "On CIFAR-10 all methods give some speed-up over uniform; upper-bound is the only one improving test "
                        + "error early (4,000-8,000 s).", "all methods faster than uniform; only upper-bound better "
                        + "test error at 4,000-8,000 s", Results.RUNS + "/wrn-cifar10__*.json",
                runScales("wrn-cifar10"), criteria(null, cpu, paper),
                (r, s) -> compared(r, "wrn-cifar10", s, List.of(UNIFORM, UPPER_BOUND, LOSS), (c, m) -> {
                    Finals f = Finals.of(r.runs(), "wrn-cifar10", s);
                    List<String> bad = new ArrayList<>();
                    List<String> faster = new ArrayList<>();
                    List<Verdict> parts = new ArrayList<>();
                    for (String g : f.groups().keySet()) {
                        if (g.equals(UNIFORM)) {
                            continue;
                        }
                        Paired.Interval q = c.lossRatio(UNIFORM, g);
                        m.put("ratio " + g + "/uniform", q.asMap());
                        Verdict v = belowBound(q, 1, false);
                        parts.add(v);
                        if (v == Verdict.PASS) {
                            faster.add(g);
                        } else {
                            bad.add(g + "/uniform final loss " + interval(q) + (v == Verdict.FAIL ? " ≥ 1"
                                    : " straddles 1"));
                        }
                    }
                    m.put("headline", faster.size() + "/" + (f.groups().size() - 1) + " methods faster than uniform "
                            + "(interval below 1)");
                    if (s == PAPER) {
                        Map<String, List<RunRecord>> groups = Curves.byGroup(r.runs("wrn-cifar10", s));
                        Map<String, Double> early = new LinkedHashMap<>();
                        groups.forEach((g, runs) -> early.put(g, earlyMean(runs)));
                        m.put("meanTestError" + (int) EARLY_FROM + "-" + (int) EARLY_TO + "s", early);
                        double eu = early.getOrDefault(UNIFORM, Double.NaN);
                        early.forEach((g, e) -> {
                            if (g.equals(UPPER_BOUND) && !(e < eu)) {
                                bad.add("early test error upper-bound " + fmt(e) + " ≥ uniform " + fmt(eu));
                            } else if (!g.equals(UPPER_BOUND) && !g.equals(UNIFORM) && !(e >= eu)) {
                                bad.add("early test error " + g + " " + fmt(e) + " < uniform " + fmt(eu));
                            }
                        });
                    }
                    Verdict v = bad.stream().anyMatch(b -> b.startsWith("early")) ? Verdict.FAIL : combine(parts);
                    return inRegime(new Outcome(v, m, bad.isEmpty() ? null : String.join("; ", bad)), s, m);
                }));
    }

    static double earlyMean(List<RunRecord> runs) {
        Band b = Curves.band(runs, Point::wallSeconds, Point::testError, false);
        List<Double> v = new ArrayList<>();
        for (int i = 0; i < b.x().length; i++) {
            if (b.x()[i] >= EARLY_FROM && b.x()[i] <= EARLY_TO) {
                v.add(b.mean()[i]);
            }
        }
        return Curves.mean(v);
    }
}
