package org.isrepro.reports.claims;

import org.isrepro.reports.analysis.Paired;
import org.isrepro.reports.records.Results;

import java.util.ArrayList;
import java.util.List;

import static org.isrepro.records.MethodIds.LOSS;
import static org.isrepro.records.MethodIds.UNIFORM;
import static org.isrepro.records.MethodIds.UPPER_BOUND;
import static org.isrepro.reports.claims.Claims.claim;
import static org.isrepro.reports.claims.Claims.criteria;
import static org.isrepro.reports.claims.Claims.runScales;
import static org.isrepro.reports.claims.Comparisons.belowBound;
import static org.isrepro.reports.claims.Comparisons.combine;
import static org.isrepro.reports.claims.Comparisons.compared;
import static org.isrepro.reports.claims.Comparisons.inRegime;
import static org.isrepro.reports.claims.Comparisons.interval;
import static org.isrepro.reports.claims.Comparisons.method;

/** Katharopoulos &amp; Fleuret 2018, §4.3: fine-tuning ResNet-50 on MIT67 (Fig. 4). */
final class Mit67Claims {

    private Mit67Claims() {
    }

    static Claim mit67() {
        String crit = "paired differences of final test error at equal budget, upper-bound − uniform and upper-bound "
                + "− loss, both 95% intervals over seeds entirely < 0 → pass, either entirely ≥ 0 → fail, otherwise "
                + "inconclusive; inconclusive outside the regime";
        return claim("mit67-test-error", "§4.3, Fig. 4",
                "Fine-tuning ResNet-50 on MIT67: 28.06% test error in about half an hour vs 33.74% for uniform "
                        + "(17% relative); upper bound beats loss.", "upper-bound 0.2806, uniform 0.3374",
                Results.RUNS + "/resnet50-mit67__*.json", runScales("resnet50-mit67"), criteria(null, crit, crit),
                (r, s) -> compared(r, "resnet50-mit67", s, List.of(UNIFORM, UPPER_BOUND, LOSS), (c, m) -> {
                    Paired.Interval du = c.testErrorDifference(UNIFORM, UPPER_BOUND);
                    Paired.Interval dl = c.testErrorDifference(LOSS, UPPER_BOUND);
                    m.put("headline", "ub − uniform test error " + interval(du) + "; ub − loss " + interval(dl));
                    m.put("differenceUpperBoundMinusUniform", du.asMap());
                    m.put("differenceUpperBoundMinusLoss", dl.asMap());
                    Verdict vu = belowBound(du, 0, false);
                    Verdict vl = belowBound(dl, 0, false);
                    List<String> why = new ArrayList<>();
                    if (vu != Verdict.PASS) {
                        why.add("upper-bound − uniform " + interval(du) + (vu == Verdict.FAIL ? " not < 0"
                                : " straddles 0"));
                    }
                    if (vl != Verdict.PASS) {
                        why.add("upper-bound − loss " + interval(dl) + (vl == Verdict.FAIL ? " not < 0"
                                : " straddles 0"));
                    }
                    Estimate est = new Estimate("difference upper-bound − uniform of final test error, paired over "
                            + "seeds", du.estimate(), du.lo(), du.hi(), du.n(), method(du, false), "< 0");
                    return inRegime(new Outcome(combine(List.of(vu, vl)), m, why.isEmpty() ? null
                            : String.join("; ", why), est), s, m);
                }));
    }
}
