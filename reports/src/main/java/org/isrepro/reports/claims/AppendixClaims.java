package org.isrepro.reports.claims;

import org.isrepro.reports.analysis.Axis;
import org.isrepro.reports.analysis.Band;
import org.isrepro.reports.analysis.Curves;
import org.isrepro.reports.analysis.Paired;
import org.isrepro.reports.analysis.Comparison;
import org.isrepro.reports.analysis.Finals;
import org.isrepro.reports.records.Point;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.RunRecord;
import org.isrepro.reports.records.Scale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.isrepro.records.MethodIds.KATYUSHA;
import static org.isrepro.records.MethodIds.SCSG;
import static org.isrepro.records.MethodIds.SVRG;
import static org.isrepro.records.MethodIds.UNIFORM;
import static org.isrepro.records.MethodIds.UPPER_BOUND;
import static org.isrepro.reports.claims.Claims.claim;
import static org.isrepro.reports.claims.Claims.criteria;
import static org.isrepro.reports.claims.Claims.fmt;
import static org.isrepro.reports.claims.Claims.measured;
import static org.isrepro.reports.claims.Claims.runScales;
import static org.isrepro.reports.claims.Comparisons.method;
import static org.isrepro.reports.claims.Comparisons.interval;
import static org.isrepro.reports.claims.Comparisons.combine;
import static org.isrepro.reports.claims.Comparisons.belowBound;
import static org.isrepro.reports.records.Scale.PAPER;

/**
 * Katharopoulos &amp; Fleuret 2018, appendices C and D: variance-reduced methods (Fig. 6) and the presample size B
 * (Fig. 7).
 */
final class AppendixClaims {

    private AppendixClaims() {
    }

    static final List<String> VR_METHODS = List.of(SVRG, KATYUSHA, SCSG);
    static final double VR_PAPER_FACTOR = 0.1;

    static Claim vrMethods() {
        String cpu = "for each of vr-cifar10, vr-cifar100 present, at equal budget, paired over seeds (95% t-interval "
                + "of the log-ratio of final training losses): uniform/VR entirely < 1 for every VR method present "
                + "(svrg, katyusha, scsg; at least one required) and upper-bound/best VR (lowest geometric-mean final "
                + "loss) entirely < 1 → pass; any of them entirely ≥ 1 → fail; otherwise inconclusive; inconclusive also when "
                + "no VR tuning candidate (the final VR runs when untuned) left chance error (final test error < "
                + LEFT_CHANCE + " × its untrained network's)";
        String paper = cpu.replace("upper-bound/best VR (lowest geometric-mean final loss) entirely < 1",
                "upper-bound/best VR (lowest geometric-mean final loss) entirely ≤ " + VR_PAPER_FACTOR);
        return claim("vr-methods", "App. C, Fig. 6",
                "SGD with momentum beats SVRG, Katyusha and SCSG; upper-bound reaches more than 10× lower training "
                        + "loss than the best of them.", "upper-bound / best VR final loss < 0.1",
                Results.RUNS + "/vr-cifar10__*.json, vr-cifar100__*.json", runScales("vr-cifar10", "vr-cifar100"),
                criteria(null, cpu, paper), (r, s) -> {
                    Map<String, Object> m = measured();
                    List<Verdict> parts = new ArrayList<>();
                    List<String> why = new ArrayList<>();
                    List<String> notRun = new ArrayList<>();
                    List<String> headline = new ArrayList<>();
                    Estimate estimate = null;
                    for (String exp : List.of("vr-cifar10", "vr-cifar100")) {
                        if (r.runs(exp, s).isEmpty()) {
                            notRun.add(exp + ": no runs");
                            continue;
                        }
                        FinalsOrNotRun o = FinalsOrNotRun.of(r, exp, s, List.of(UNIFORM, UPPER_BOUND));
                        if (o instanceof FinalsOrNotRun.NotRun n) {
                            notRun.add(n.reason());
                            m.put(exp, n.measured());
                            continue;
                        }
                        Finals f = ((FinalsOrNotRun.Present) o).finals();
                        Map<String, Object> em = FinalsOrNotRun.measured(f);
                        m.put(exp, em);
                        Estimate e = vrJudged(exp, f, new Comparison(r.runs(), exp, s), s, em, parts, why);
                        if (e == null) {
                            notRun.add(exp + ": no VR method run");
                            continue;
                        }
                        em.put(ClaimResult.EXPERIMENT_ESTIMATE, e);
                        String stuck = vrAtChance(r, exp, s, em);
                        if (stuck != null) {
                            parts.add(Verdict.INCONCLUSIVE);
                            why.add(stuck);
                        }
                        headline.add(exp + " upper-bound/" + em.get("bestVr") + " " + interval(e));
                        estimate = estimate == null ? e : estimate;
                    }
                    m.put("headline", headline.isEmpty() ? "no experiment judged" : String.join("; ", headline));
                    if (!notRun.isEmpty()) {
                        m.put("notRun", notRun);
                    }
                    if (estimate == null) {
                        return Outcome.notRun(String.join("; ", notRun), m);
                    }
                    return new Outcome(combine(parts), m, why.isEmpty() ? null : String.join("; ", why), estimate);
                });
    }

    /**
     * One experiment of {@code vr-methods}: uniform against every VR method present and upper-bound against the
     * best of them, each a paired ratio of final training losses with its interval. Adds what it measured to
     * {@code em}, each part's verdict to {@code parts} and why a part did not pass to {@code why}; returns the
     * upper-bound/best-VR estimate, or null when no VR method ran.
     */
    static Estimate vrJudged(String exp, Finals f, Comparison c, Scale s, Map<String, Object> em,
                             List<Verdict> parts, List<String> why) {
        String best = null;
        double bestMean = Double.POSITIVE_INFINITY;
        for (String vr : VR_METHODS) {
            if (!f.has(vr)) {
                continue;
            }
            Paired.Interval u = c.lossRatio(vr, UNIFORM);
            em.put("uniformOver" + Character.toUpperCase(vr.charAt(0)) + vr.substring(1), u.asMap());
            Verdict v = belowBound(u, 1, false);
            parts.add(v);
            if (v != Verdict.PASS) {
                why.add(exp + ": uniform/" + vr + " final loss " + interval(u) + (v == Verdict.FAIL ? " not < 1"
                        : " straddles 1"));
            }
            double g = Paired.geometric(new ArrayList<>(c.finalTrainLoss(vr).values())).estimate();
            if (best == null || g < bestMean) {
                best = vr;
                bestMean = g;
            }
        }
        if (best == null) {
            return null;
        }
        double bound = s == PAPER ? VR_PAPER_FACTOR : 1;
        boolean inclusive = s == PAPER;
        Paired.Interval ub = c.lossRatio(best, UPPER_BOUND);
        em.put("bestVr", best);
        em.put("ratioUpperBoundOverBestVr", ub.asMap());
        Verdict v = belowBound(ub, bound, inclusive);
        parts.add(v);
        if (v != Verdict.PASS) {
            why.add(exp + ": upper-bound/" + best + " final loss " + interval(ub) + (v == Verdict.FAIL
                    ? (inclusive ? " > " : " ≥ ") : " straddles ") + fmt(bound));
        }
        return new Estimate("ratio upper-bound/" + best + " (the best VR method) of final training loss, paired over "
                + "seeds, " + exp, ub.estimate(), ub.lo(), ub.hi(), ub.n(), method(ub, true),
                (inclusive ? "≤ " : "< ") + fmt(bound));
    }

    /** A run left chance error when its final test error is below this share of its first (untrained) one. */
    static final double LEFT_CHANCE = 0.9;

    /**
     * Why {@code vr-methods} cannot be judged on {@code exp}: no VR candidate of appendix C's tuning (its final runs
     * when it was not tuned) left chance error, i.e. ended with a test error below {@link #LEFT_CHANCE} of its
     * untrained network's, so the tuning chose among settings that did not train and the comparison says nothing
     * about the methods. Null when one did; the count is added to {@code em}.
     */
    static String vrAtChance(Results r, String exp, Scale s, Map<String, Object> em) {
        List<RunRecord> tuned = vrRuns(r.runs(exp + "-tuning", s));
        boolean fromTuning = !tuned.isEmpty();
        List<RunRecord> runs = fromTuning ? tuned : vrRuns(r.runs(exp, s));
        int trained = 0;
        double bestShare = Double.POSITIVE_INFINITY;
        for (RunRecord x : runs) {
            double share = x.last().testError() / x.series().get(0).testError();
            bestShare = Math.min(bestShare, share);
            trained += share < LEFT_CHANCE ? 1 : 0;
        }
        String what = fromTuning ? "tuning candidates" : "runs";
        em.put("vrLeftChanceError", trained + " of " + runs.size() + " " + what);
        if (runs.isEmpty() || trained > 0) {
            return null;
        }
        return exp + ": none of the " + runs.size() + " SVRG, Katyusha and SCSG " + what + " left chance error (the "
                + "best ended at " + fmt(bestShare) + " of its untrained test error, needs < " + fmt(LEFT_CHANCE)
                + "): the methods did not train at any setting tried, so the comparison says nothing about them";
    }

    private static List<RunRecord> vrRuns(List<RunRecord> runs) {
        return runs.stream().filter(x -> VR_METHODS.contains(x.method()) && x.completed() && x.series().size() >= 2
                && Double.isFinite(x.last().testError() / x.series().get(0).testError())).toList();
    }

    static final double PAPER_LOSS_LEVEL = 0.6;

    static Claim presampleAblation() {
        String cpu = "time (cost clock) for the seed-mean training loss to reach a level; level = the highest "
                + "seed-mean final training loss among the B variants (so every variant reaches it); the fastest "
                + "variant has 2 ≤ B/b ≤ 6; needs ≥ 2 variants";
        String paper = "wall-clock time for the seed-mean training loss to reach " + PAPER_LOSS_LEVEL
                + " (the paper's level); the fastest variant has 2 ≤ B/b ≤ 6; needs ≥ 2 variants";
        return claim("presample-ablation", "App. D, Fig. 7",
                "Larger B lowers training loss; B = 384 (3b) reaches 0.6 training loss first; 2 < B/b < 6 recommended.",
                "fastest to 0.6 loss: B = 3b = 384", Results.RUNS + "/presample-ablation__*.json",
                runScales("presample-ablation"), criteria(null, cpu, paper), (r, s) -> {
                    Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
                    Curves.byGroup(r.runs("presample-ablation", s)).forEach((g, runs) -> {
                        List<RunRecord> done = runs.stream().filter(RunRecord::completed).toList();
                        if (!done.isEmpty()) {
                            groups.put(g, done);
                        }
                    });
                    Axis axis = s == PAPER ? Axis.WALL : Axis.COST;
                    Map<String, Band> bands = new LinkedHashMap<>();
                    Map<String, Double> k = new LinkedHashMap<>();
                    groups.forEach((g, runs) -> {
                        bands.put(g, Curves.band(runs, axis.value, Point::trainLoss, false));
                        k.put(g, runs.get(0).config().presample() / runs.get(0).config().batchSize());
                    });
                    Map<String, Object> m = measured();
                    if (bands.size() < 2) {
                        return Outcome.notRun("fewer than two B variants finished at " + s.id() + " scale", m);
                    }
                    double level = s == PAPER ? PAPER_LOSS_LEVEL
                            : bands.values().stream().mapToDouble(Band::lastMean).max().orElseThrow();
                    Map<String, Object> per = new LinkedHashMap<>();
                    String fastest = null;
                    double best = Double.POSITIVE_INFINITY;
                    for (Map.Entry<String, Band> e : bands.entrySet()) {
                        double t = Curves.firstReach(e.getValue().x(), e.getValue().mean(), level);
                        per.put(e.getKey(), Map.of("B/b", k.get(e.getKey()), "timeToLevel", t,
                                "finalTrainLoss", e.getValue().lastMean()));
                        if (t < best) {
                            best = t;
                            fastest = e.getKey();
                        }
                    }
                    m.put("level", level);
                    m.put("clock", axis.label);
                    m.put("variants", per);
                    if (fastest == null) {
                        m.put("headline", "no variant reached " + fmt(level));
                        return Outcome.decide(false, m, "no variant reached training loss " + fmt(level));
                    }
                    double kf = k.get(fastest);
                    m.put("fastest", fastest);
                    m.put("headline", "fastest to " + fmt(level) + ": " + fastest + " (B/b " + fmt(kf) + ")");
                    return Outcome.decide(kf >= 2 && kf <= 6, m, "fastest variant " + fastest + " has B/b = " + fmt(kf)
                            + ", outside 2..6");
                });
    }
}
