package org.isrepro.reports.claims;

import org.isrepro.reports.records.Ablation41;
import org.isrepro.reports.records.Results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.isrepro.reports.claims.Claims.ablationScale;
import static org.isrepro.reports.claims.Claims.claim;
import static org.isrepro.reports.claims.Claims.criteria;
import static org.isrepro.reports.claims.Claims.fmt;
import static org.isrepro.reports.claims.Claims.withHeadline;

/**
 * Katharopoulos &amp; Fleuret 2018, §4.1: the ablation of the importance scores against the per-sample gradient
 * norm (Fig. 1, 2; App. E).
 */
final class AblationClaims {

    private AblationClaims() {
    }

    static Claim boundCorrelation() {
        String crit = "SSE(upper-bound) < SSE(loss) at every checkpoint (probabilities vs gradient-norm "
                + "probabilities); ratio SSE(upper-bound)/SSE(loss) over all points reported beside the paper's 0.12";
        return claim("bound-correlation", "§4.1, Fig. 2",
                "Upper-bound probabilities are almost perfectly correlated with gradient-norm probabilities; "
                        + "the loss only in the small-gradient regime.",
                "SSE over 16,384 points: loss 0.017, upper-bound 0.002 (ratio 0.12)", Results.ABLATION,
                ablationScale(), criteria(null, crit, crit), (r, s) -> {
                    Ablation41 a = r.ablation().orElseThrow();
                    if (a.checkpoints().isEmpty()) {
                        return Outcome.notRun(a.file() + " has no checkpoints");
                    }
                    double sumLoss = 0;
                    double sumUb = 0;
                    List<Map<String, Object>> per = new ArrayList<>();
                    List<String> bad = new ArrayList<>();
                    for (Ablation41.Checkpoint c : a.checkpoints()) {
                        sumLoss += c.sseLoss();
                        sumUb += c.sseUpperBound();
                        per.add(Map.of("step", c.step(), "sseLoss", c.sseLoss(), "sseUpperBound", c.sseUpperBound()));
                        if (!(c.sseUpperBound() < c.sseLoss())) {
                            bad.add("step " + fmt(c.step()) + ": upper-bound " + fmt(c.sseUpperBound()) + " ≥ loss "
                                    + fmt(c.sseLoss()));
                        }
                    }
                    double ratio = sumUb / sumLoss;
                    Map<String, Object> m = withHeadline("SSE ub/loss = " + fmt(ratio) + " (paper 0.12)",
                            Map.of("sseLoss", sumLoss, "sseUpperBound", sumUb, "ratio", ratio, "checkpoints", per));
                    return Outcome.decide(bad.isEmpty(), m, String.join("; ", bad));
                });
    }

    /** Upper bound reaches at least half of the gradient norm's variance reduction. */
    static final double UB_GAP = 0.5;

    static Claim boundVariance() {
        String crit = "averaged over checkpoints: variance ratio vs uniform of gradient-norm < 1 and of upper-bound "
                + "< 1, and |ub − gn| ≤ " + UB_GAP + " × (1 − gn)";
        return claim("bound-variance", "§4.1, Fig. 1",
                "Upper bound and gradient norm give very similar variance reduction; both below uniform.",
                "upper-bound ≈ gradient-norm < 1 (figure only)", Results.ABLATION, ablationScale(),
                criteria(null, crit, crit), (r, s) -> {
                    Ablation41 a = r.ablation().orElseThrow();
                    if (a.checkpoints().isEmpty()) {
                        return Outcome.notRun(a.file() + " has no checkpoints");
                    }
                    double gn = a.checkpoints().stream().mapToDouble(Ablation41.Checkpoint::varianceRatioGradientNorm)
                            .average().orElseThrow();
                    double ub = a.checkpoints().stream().mapToDouble(Ablation41.Checkpoint::varianceRatioUpperBound)
                            .average().orElseThrow();
                    double gap = Math.abs(ub - gn);
                    double allowed = UB_GAP * (1 - gn);
                    Map<String, Object> m = withHeadline("gn " + fmt(gn) + ", ub " + fmt(ub),
                            Map.of("varianceRatioGradientNorm", gn, "varianceRatioUpperBound", ub, "gap", gap,
                                    "allowedGap", allowed));
                    List<String> bad = new ArrayList<>();
                    if (!(gn < 1)) {
                        bad.add("gradient-norm variance ratio " + fmt(gn) + " ≥ 1");
                    }
                    if (!(ub < 1)) {
                        bad.add("upper-bound variance ratio " + fmt(ub) + " ≥ 1");
                    }
                    if (!(gap <= allowed)) {
                        bad.add("|ub − gn| = " + fmt(gap) + " > " + fmt(allowed));
                    }
                    return Outcome.decide(bad.isEmpty(), m, String.join("; ", bad));
                });
    }

    static Claim lossVarianceEarly() {
        String crit = "informational: pass means the loss's variance ratio at the first checkpoint was measured "
                + "and is reported (the paper expects > 1 early; the direction may differ at small scale)";
        return claim("loss-variance-early", "§4.1, Fig. 1; App. E",
                "Sampling hard examples by loss can increase variance, especially early in training.",
                "loss variance ratio > 1 early (figure only)", Results.ABLATION, ablationScale(),
                criteria(crit, crit, crit), (r, s) -> {
                    Ablation41 a = r.ablation().orElseThrow();
                    if (a.checkpoints().isEmpty()) {
                        return Outcome.notRun(a.file() + " has no checkpoints");
                    }
                    Ablation41.Checkpoint first = a.checkpoints().get(0);
                    double v = first.varianceRatioLoss();
                    if (!Double.isFinite(v)) {
                        return Outcome.notRun("variance_ratio_loss missing at the first checkpoint");
                    }
                    return Outcome.decide(true, withHeadline("loss variance ratio " + fmt(v) + " at step "
                                    + fmt(first.step()) + (v > 1 ? " (above uniform)" : " (below uniform)"),
                            Map.of("step", first.step(), "varianceRatioLoss", v, "aboveUniform", v > 1)), null);
                });
    }
}
