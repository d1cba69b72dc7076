package org.isrepro.reports.claims;

import com.fasterxml.jackson.databind.JsonNode;
import org.isrepro.records.Ablation41Record;
import org.isrepro.records.BenchRatiosRecord;
import org.isrepro.records.RecordFiles;
import org.isrepro.reports.records.CheckFile;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.RunRecord;
import org.isrepro.reports.records.Scale;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import static org.isrepro.records.MethodIds.LOSS;
import static org.isrepro.records.MethodIds.UNIFORM;
import static org.isrepro.records.MethodIds.UPPER_BOUND;
import static org.isrepro.reports.claims.Claims.checkScale;
import static org.isrepro.reports.claims.Claims.claim;
import static org.isrepro.reports.claims.Claims.criteria;
import static org.isrepro.reports.claims.Claims.fmt;
import static org.isrepro.reports.claims.Claims.withHeadline;
import static org.isrepro.reports.records.Scale.CPU;
import static org.isrepro.reports.records.Scale.PAPER;
import static org.isrepro.reports.records.Scale.SMOKE;

/**
 * Katharopoulos &amp; Fleuret 2018, §1 and §3.3: what scoring costs, the cost of an importance-sampling iteration,
 * and what tau means.
 */
final class CostClaims {

    private CostClaims() {
    }

    static final double SCORING_RATIO = 10;

    static Claim scoringCost() {
        String crit = "every 'gradient-norm/upper-bound' ratio in benchmark-ratios.json (JMH, seconds per sample) "
                + "≥ " + fmt(SCORING_RATIO);
        Map<Scale, String> c = new EnumMap<>(Scale.class);
        c.put(CPU, crit);
        return new Claim("scoring-cost", "§1, §3.3",
                "The upper bound costs one forward pass and is more than an order of magnitude cheaper than "
                        + "per-sample gradient norms.", "gradient-norm / upper-bound scoring cost > 10",
                Results.BENCH_RATIOS, r -> Set.of(), c, "", (r, s) -> {
            if (r.benchRatios().isEmpty()) {
                return Outcome.notRun("no input: " + Results.BENCH_RATIOS + " not found");
            }
            List<BenchRatiosRecord.Ratio> rs = r.benchRatios().get().withId("gradient-norm/upper-bound");
            if (rs.isEmpty()) {
                return Outcome.notRun(Results.BENCH_RATIOS + " has no 'gradient-norm/upper-bound' ratio");
            }
            Map<String, Object> values = new TreeMap<>();
            List<String> bad = new ArrayList<>();
            double min = Double.POSITIVE_INFINITY;
            for (BenchRatiosRecord.Ratio x : rs) {
                values.put(x.paramsText().isEmpty() ? "-" : x.paramsText(), x.value());
                min = Math.min(min, x.value());
                if (!(x.value() >= SCORING_RATIO)) {
                    bad.add(x.paramsText() + ": " + fmt(x.value()) + " < " + fmt(SCORING_RATIO));
                }
            }
            r.ablation().ifPresent(a -> {
                Ablation41Record.SecondsPerSample sp = a.checkpoints().isEmpty() ? null
                        : a.checkpoints().get(0).secondsPerSample();
                double gn = sp == null ? Double.NaN : RecordFiles.orNaN(sp.gradientNorm());
                double ub = sp == null ? Double.NaN : RecordFiles.orNaN(sp.upperBound());
                if (Double.isFinite(gn) && Double.isFinite(ub) && ub > 0) {
                    values.put("ablation-4.1 (informational)", gn / ub);
                }
            });
            return Outcome.decide(bad.isEmpty(), withHeadline("min ratio " + fmt(min), Map.of("ratios", values)),
                    String.join("; ", bad));
        }, true);
    }

    static Claim speedupBound() {
        String crit = "cost-clock accounting in every finished run: uniform costs 3b units per iteration, an "
                + "upper-bound/loss run costs 3b per uniform iteration and B + 3b per importance-sampling iteration "
                + "(summary.costUnits within 1e-6 relative)";
        return claim("speedup-bound", "§3.3",
                "With presample B and batch b the maximum variance reduction is 1/b² − 1/B² and the cost ratio is "
                        + "(B+3b)/(3b); speed-up guaranteed when tau > (B+3b)/(3b).",
                "IS iteration B+3b vs 3b; tau_th default (B+3b)/(3b) (e.g. 2.67 for B=640, b=128)",
                Results.RUNS + "/*.json (config.presample, batchSize, tauTh; summary.iterations, isIterations, "
                        + "costUnits)", r -> {
                    Set<Scale> s = EnumSet.noneOf(Scale.class);
                    r.runs().stream().filter(CostClaims::hasCostAccounting).forEach(x -> s.add(x.scale()));
                    return s;
                }, criteria(crit, crit, crit), (r, s) -> {
                    List<String> bad = new ArrayList<>();
                    Map<String, Object> per = new TreeMap<>();
                    int checked = 0;
                    for (RunRecord x : r.runs()) {
                        if (x.scale() != s || !hasCostAccounting(x) || !(x.completed() || x.diverged())) {
                            continue;
                        }
                        checked++;
                        double b = x.config().batchSize();
                        double bigB = x.config().presample();
                        double it = x.summary().iterations();
                        double isIt = x.method().equals(UNIFORM) ? 0 : x.summary().isIterations();
                        double expected = (it - isIt) * 3 * b + isIt * (bigB + 3 * b);
                        double got = x.summary().costUnits();
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("expectedCost", expected);
                        m.put("recordedCost", got);
                        if (Math.abs(got - expected) > 1e-6 * Math.max(1, expected)) {
                            bad.add(x.file().getFileName() + ": cost " + fmt(got) + " ≠ expected " + fmt(expected));
                        }
                        if (!x.method().equals(UNIFORM)) {
                            double bound = (bigB + 3 * b) / (3 * b);
                            m.put("B", bigB);
                            m.put("b", b);
                            m.put("costRatio(B+3b)/(3b)", bound);
                            m.put("maxVarianceReduction 1/b²−1/B²", 1 / (b * b) - 1 / (bigB * bigB));
                            m.put("tauTh", x.config().tauTh());
                        }
                        per.put(x.file().getFileName().toString(), m);
                    }
                    if (checked == 0) {
                        return Outcome.notRun("no finished run with cost accounting at " + s.id() + " scale");
                    }
                    return Outcome.decide(bad.isEmpty(),
                            withHeadline(checked + " runs checked, " + bad.size() + " mismatches", Map.of("runs", per)),
                            String.join("; ", bad));
                });
    }

    /** Runs whose cost the section 3.3 accounting predicts: uniform and single-pass scorers. */
    static boolean hasCostAccounting(RunRecord x) {
        boolean method = x.method().equals(UNIFORM) || x.method().equals(UPPER_BOUND) || x.method().equals(LOSS);
        return method && Double.isFinite(x.config().batchSize())
                && (x.method().equals(UNIFORM) || Double.isFinite(x.config().presample()))
                && Double.isFinite(x.summary().costUnits());
    }

    static final Map<Scale, Double> TAU_TOL = Map.of(SMOKE, 0.10, CPU, 0.05, PAPER, 0.05);

    static Claim tauEquivalence() {
        Function<Scale, String> crit = s -> "checks/tau-equivalence.json: for every row, |(1 − 1/tau²) − "
                + "measured_relative_variance_reduction| ≤ " + TAU_TOL.get(s) + " (absolute, Monte Carlo); "
                + "1 − 1/tau² is recomputed from tau";
        return claim("tau-equivalence", "§3.3, eq. 23-26",
                "tau equals the batch-size increase giving the same variance reduction.",
                "relative variance reduction = 1 − 1/tau²", "checks/tau-equivalence.json", checkScale("tau-equivalence"),
                criteria(crit.apply(SMOKE), crit.apply(CPU), crit.apply(PAPER)), (r, s) -> {
                    CheckFile c = r.checks().get("tau-equivalence");
                    var t = c.tableWith("tau", "measured_relative_variance_reduction");
                    if (t.isEmpty()) {
                        return Outcome.notRun(c.file() + " has no table with columns tau and "
                                + "measured_relative_variance_reduction");
                    }
                    int ti = t.get().column("tau");
                    int mi = t.get().column("measured_relative_variance_reduction");
                    int wi = t.get().column("one_minus_inv_tau2");
                    List<Map<String, Object>> rows = new ArrayList<>();
                    List<String> bad = new ArrayList<>();
                    double worst = 0;
                    for (List<JsonNode> row : t.get().rows()) {
                        double tau = row.get(ti).asDouble();
                        double predicted = 1 - 1 / (tau * tau);
                        double meas = row.get(mi).asDouble();
                        double diff = Math.abs(predicted - meas);
                        worst = Math.max(worst, diff);
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("tau", tau);
                        m.put("oneMinusInvTau2", predicted);
                        m.put("measured", meas);
                        if (wi >= 0 && Math.abs(row.get(wi).asDouble() - predicted) > 1e-6) {
                            m.put("writerValueDiffers", row.get(wi).asDouble());
                        }
                        rows.add(m);
                        if (!(diff <= TAU_TOL.get(s))) {
                            bad.add("tau " + fmt(tau) + ": 1 − 1/tau² = " + fmt(predicted) + ", measured " + fmt(meas));
                        }
                    }
                    if (rows.isEmpty()) {
                        return Outcome.notRun(c.file() + ": the tau table has no rows");
                    }
                    return Outcome.decide(bad.isEmpty(),
                            withHeadline("max |diff| " + fmt(worst) + " over " + rows.size() + " rows",
                                    Map.of("rows", rows, "maxAbsDiff", worst)), String.join("; ", bad));
                });
    }
}
