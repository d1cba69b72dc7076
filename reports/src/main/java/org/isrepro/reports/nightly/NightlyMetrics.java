package org.isrepro.reports.nightly;

import org.isrepro.reports.analysis.Comparison;
import org.isrepro.reports.analysis.Paired;
import org.isrepro.reports.analysis.Finals;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.records.Ablation41;
import org.isrepro.reports.records.BenchRatios;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.Scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.isrepro.records.MethodIds.UNIFORM;

/** Collects the watched numbers from one output directory. */
public final class NightlyMetrics {
    /** Default relative tolerances per family, used for entries the baseline does not state one for. */
    public static final Map<String, Double> DEFAULT_TOLERANCE = Map.of(
            "speedup", 0.20,   // cost-clock ratios of seeded runs: only numerical noise moves them
            "ablation", 0.20,
            "bench", 0.30);    // timing ratios on a shared machine

    private NightlyMetrics() {
    }

    public static List<Metric> collect(Results r, List<ClaimResult> claims) {
        List<Metric> out = new ArrayList<>();
        for (ClaimResult c : claims) {
            out.add(new Metric("verdict/" + c.id(), Metric.VERDICT, c.verdict().id(), null, null,
                    c.scale()));
        }
        for (String exp : r.experiments()) {
            for (Scale s : Scale.values()) {
                Finals f = Finals.of(r.runs(), exp, s);
                if (!f.has(UNIFORM) || f.budgetProblem() != null) {
                    continue;
                }
                Comparison c = new Comparison(r.runs(), exp, s);
                f.groups().forEach((g, v) -> {
                    if (!g.equals(UNIFORM)) {
                        // uniform/g = 1 / (g/uniform): the paired ratio's interval inverted.
                        Paired.Interval q = c.lossRatio(UNIFORM, g);
                        out.add(new Metric("speedup/" + exp + "@" + s.id() + "/uniform-over-" + g.replace(' ', '_')
                                + "-final-train-loss", Metric.RATIO, 1 / q.estimate(),
                                q.hasInterval() ? 1 / q.hi() : null, q.hasInterval() ? 1 / q.lo() : null, "higher",
                                DEFAULT_TOLERANCE.get("speedup"), "uniform's final training loss / " + g + "'s, paired "
                                + "over " + q.n() + " seed(s)"));
                    }
                });
            }
        }
        r.ablation().ifPresent(a -> {
            double loss = a.checkpoints().stream().mapToDouble(Ablation41.Checkpoint::sseLoss).sum();
            double ub = a.checkpoints().stream().mapToDouble(Ablation41.Checkpoint::sseUpperBound).sum();
            if (!a.checkpoints().isEmpty()) {
                out.add(new Metric("ablation/" + a.scale().id() + "/sse-loss-over-upper-bound", Metric.RATIO,
                        loss / ub, "higher", DEFAULT_TOLERANCE.get("ablation"), "paper: 0.017 / 0.002 = 8.5"));
            }
        });
        r.benchRatios().ifPresent(b -> {
            for (org.isrepro.records.BenchRatiosRecord.Ratio x : b.ratios()) {
                String key = "bench/" + x.id() + (x.paramsText().isEmpty() ? "" : "[" + x.paramsText() + "]");
                out.add(new Metric(key, Metric.RATIO, x.value(), x.higherIsBetter() ? "higher" : "lower",
                        DEFAULT_TOLERANCE.get("bench"), "target " + x.target()));
            }
        });
        return out;
    }
}
