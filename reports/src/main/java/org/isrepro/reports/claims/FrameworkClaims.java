package org.isrepro.reports.claims;

import static org.isrepro.records.MethodIds.LOSS;
import static org.isrepro.records.MethodIds.UNIFORM;
import static org.isrepro.records.MethodIds.UPPER_BOUND;
import static org.isrepro.reports.claims.Claims.criteria;
import static org.isrepro.reports.claims.Claims.measured;
import static org.isrepro.reports.claims.Comparisons.interval;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.isrepro.records.Frameworks;
import org.isrepro.reports.analysis.Comparison;
import org.isrepro.reports.analysis.Paired;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.Scale;

/**
 * Whether the §4.2 and §4.3 ratios hold beyond one framework: an independent PyTorch twin runs the same protocol on
 * the same data subsets with its own draws, and each ratio's DL4J and PyTorch 95% intervals must overlap
 * (docs/statistics.md, "Framework agreement"). The twin's runs are read apart from DL4J's
 * ({@link Results#framework(String)}) and never enter a DL4J estimate.
 */
public final class FrameworkClaims {

    public static final String ID = "framework-agreement";

    /** The experiments whose ratios are compared: §4.2 and §4.3. */
    static final List<String> EXPERIMENTS = List.of("wrn-cifar10", "wrn-cifar100", "resnet50-mit67");
    /** The importance-sampling methods whose final training loss over uniform's is compared. */
    static final List<String> METHODS = List.of(UPPER_BOUND, LOSS);
    /**
     * Where {@code measured} lists the compared ratios, for the report's side-by-side table: each an experiment, a
     * ratio, the estimate and interval of each framework (keyed by {@link Frameworks}) and whether they overlap.
     */
    public static final String PAIRS = "pairs";

    private FrameworkClaims() {
    }

    static Claim frameworkAgreement() {
        String crit = "for each of wrn-cifar10, wrn-cifar100, resnet50-mit67 and each of upper-bound/uniform, "
                + "loss/uniform final training loss (paired over seeds, 95% t-interval of the log-ratio, at equal "
                + "budget) that both DL4J and the PyTorch twin ran: the two intervals overlap → pass when every such "
                + "pair does; fail naming the pairs that do not; inconclusive when no pair has an interval in both "
                + "frameworks (n ≥ 2 seeds each)";
        return new Claim(ID, "§4.2, §4.3: PyTorch twin",
                "The §4.2 and §4.3 ratios are properties of the method, not of DL4J: an independent PyTorch "
                        + "implementation of the same protocol gives overlapping intervals.",
                "(not in the papers)", Results.RUNS + "/wrn-cifar10__*.json, wrn-cifar100__*.json, resnet50-mit67__*.json "
                        + "(provenance.framework " + Frameworks.PYTORCH + " beside DL4J's)",
                r -> twinScales(r), criteria(null, crit, crit), Claims.SMOKE_REASON, FrameworkClaims::judge, false);
    }

    private static Set<Scale> twinScales(Results r) {
        Set<Scale> s = EnumSet.noneOf(Scale.class);
        r.framework(Frameworks.PYTORCH).runs().stream().filter(x -> EXPERIMENTS.contains(x.experiment()))
                .forEach(x -> s.add(x.scale()));
        return s;
    }

    private static Outcome judge(Results r, Scale s) {
        Results twin = r.framework(Frameworks.PYTORCH);
        Map<String, Object> m = measured();
        List<Map<String, Object>> pairs = new ArrayList<>();
        List<String> apart = new ArrayList<>();
        List<String> agree = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String exp : EXPERIMENTS) {
            if (twin.runs(exp, s).isEmpty()) {
                continue;
            }
            Set<String> budgets = new TreeSet<>();
            r.runs(exp, s).forEach(x -> budgets.add(Objects.toString(x.budget())));
            Set<String> twinBudgets = new TreeSet<>();
            twin.runs(exp, s).forEach(x -> twinBudgets.add(Objects.toString(x.budget())));
            if (!budgets.equals(twinBudgets)) {
                skipped.add(exp + ": different budgets (DL4J " + budgets + ", PyTorch " + twinBudgets + ")");
                continue;
            }
            Comparison dl4j = new Comparison(r.runs(), exp, s);
            Comparison torch = new Comparison(twin.runs(), exp, s);
            for (String method : METHODS) {
                String ratio = method + "/" + UNIFORM + " final training loss";
                String name = exp + " " + ratio;
                if (!torch.has(method) || !torch.has(UNIFORM)) {
                    continue;
                }
                if (!dl4j.has(method) || !dl4j.has(UNIFORM)) {
                    skipped.add(name + ": no DL4J runs");
                    continue;
                }
                Paired.Interval d = dl4j.lossRatio(UNIFORM, method);
                Paired.Interval t = torch.lossRatio(UNIFORM, method);
                Boolean overlap = d.hasInterval() && t.hasInterval() ? d.lo() <= t.hi() && t.lo() <= d.hi() : null;
                Map<String, Object> pair = new LinkedHashMap<>();
                pair.put("experiment", exp);
                pair.put("ratio", ratio);
                pair.put(Frameworks.DL4J, d.asMap());
                pair.put(Frameworks.PYTORCH, t.asMap());
                pair.put("overlap", overlap);
                pairs.add(pair);
                String both = name + ": DL4J " + interval(d) + ", PyTorch " + interval(t);
                if (overlap == null) {
                    skipped.add(both + " (no interval in both)");
                } else if (overlap) {
                    agree.add(both);
                } else {
                    apart.add(both);
                }
            }
        }
        m.put("headline", pairs.isEmpty() ? "no ratio run by both frameworks"
                : agree.size() + " of " + (agree.size() + apart.size()) + " ratios with intervals in both frameworks "
                + "overlap" + (apart.isEmpty() ? "" : "; apart: " + String.join("; ", apart)));
        m.put(PAIRS, pairs);
        if (!skipped.isEmpty()) {
            m.put("notCompared", skipped);
        }
        if (!apart.isEmpty()) {
            return new Outcome(Verdict.FAIL, m, "intervals do not overlap: " + String.join("; ", apart));
        }
        if (agree.isEmpty()) {
            return new Outcome(Verdict.INCONCLUSIVE, m, pairs.isEmpty() && skipped.isEmpty()
                    ? "the PyTorch twin ran none of " + METHODS + " with " + UNIFORM + " at " + s.id() + " scale"
                    : "no ratio has a 95% interval in both frameworks: " + String.join("; ", skipped));
        }
        return new Outcome(Verdict.PASS, m, null);
    }
}
