package org.isrepro.reports.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.isrepro.records.Ablation41Record;
import org.isrepro.records.BenchRatiosRecord;
import org.isrepro.records.RecordFiles;
import org.isrepro.records.RunConfig;
import org.isrepro.reports.records.Json;
import org.isrepro.reports.records.Point;
import org.isrepro.reports.records.RunRecord;
import org.isrepro.reports.records.Scale;

/**
 * One experiment's methods compared with a base method (uniform) seed by seed (docs/statistics.md): final values
 * per seed, the ratio of training losses at 25/50/75/100% of the budget, the equal-loss speed-up, and whether the
 * stand-in reached the regime in which importance sampling acts.
 *
 * <p>The budget clock is the one the runs were budgeted on (cost units below paper scale, wall-clock seconds at
 * paper scale); a point between two evaluations is linearly interpolated.
 */
public final class Comparison {
    /** Budget fractions at which the equal-budget ratio is reported. */
    public static final double[] FRACTIONS = {0.25, 0.5, 0.75, 1.0};
    /** Regime: uniform's training loss falls at least this factor below its initial value. */
    public static final double REGIME_LOSS_DROP = 10;
    /** Regime: importance sampling is on for at least this share of the upper-bound runs' iterations. */
    public static final double REGIME_IS_SHARE = 0.5;

    private final String experiment;
    private final Scale scale;
    private final Map<String, Map<Long, RunRecord>> byMethod = new LinkedHashMap<>();

    public Comparison(List<RunRecord> runs, String experiment, Scale scale) {
        this.experiment = experiment;
        this.scale = scale;
        for (RunRecord r : runs) {
            if (r.experiment().equals(experiment) && r.scale() == scale && (r.completed() || r.diverged())) {
                byMethod.computeIfAbsent(r.group(), k -> new TreeMap<>()).put(r.seed(), r);
            }
        }
    }

    public boolean has(String method) {
        return byMethod.containsKey(method);
    }

    public int seeds(String method) {
        return byMethod.getOrDefault(method, Map.of()).size();
    }

    /** Seed → final training loss (a diverged run counts as +∞). */
    public Map<Long, Double> finalTrainLoss(String method) {
        return finals(method, Point::trainLoss);
    }

    /** Seed → final test error (a diverged run counts as +∞). */
    public Map<Long, Double> finalTestError(String method) {
        return finals(method, Point::testError);
    }

    private Map<Long, Double> finals(String method, ToDoubleFunction<Point> y) {
        Map<Long, Double> out = new TreeMap<>();
        byMethod.getOrDefault(method, Map.of()).forEach((seed, r) -> out.put(seed,
                r.diverged() || r.last() == null ? Double.POSITIVE_INFINITY : y.applyAsDouble(r.last())));
        return out;
    }

    /**
     * Paired ratio other/base of final training loss. A diverged seed of {@code other} loses the comparison even
     * when its base seed is missing: the ratio is +∞.
     */
    public Paired.Interval lossRatio(String base, String other) {
        if (anyDiverged(other)) {
            return new Paired.Interval(Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, seeds(other));
        }
        return Paired.ratio(finalTrainLoss(base), finalTrainLoss(other));
    }

    /** Paired difference other − base of final test error; +∞ when a seed of {@code other} diverged. */
    public Paired.Interval testErrorDifference(String base, String other) {
        if (anyDiverged(other)) {
            return new Paired.Interval(Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, seeds(other));
        }
        return Paired.difference(finalTestError(base), finalTestError(other));
    }

    private boolean anyDiverged(String method) {
        return byMethod.getOrDefault(method, Map.of()).values().stream().anyMatch(RunRecord::diverged);
    }

    /** The ratio other/base of training loss at each fraction of the budget, paired over seeds. */
    public Map<String, Object> equalBudgetRatios(String base, String other) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (double f : FRACTIONS) {
            Map<Long, Double> a = new TreeMap<>();
            Map<Long, Double> b = new TreeMap<>();
            for (Map.Entry<Long, RunRecord> e : byMethod.getOrDefault(base, Map.of()).entrySet()) {
                RunRecord o = byMethod.getOrDefault(other, Map.of()).get(e.getKey());
                if (o == null) {
                    continue;
                }
                a.put(e.getKey(), lossAt(e.getValue(), f));
                b.put(e.getKey(), lossAt(o, f));
            }
            out.put(Math.round(f * 100) + "%", Paired.ratio(a, b).asMap());
        }
        return out;
    }

    /**
     * Equal-loss speed-up of {@code other} over {@code base}, per seed: 1 / (the budget fraction at which other's
     * training loss first reaches base's final training loss). A seed where other never reaches it within the
     * budget has a speed-up below 1 that the records cannot measure: it is counted in {@code notReached} and the
     * estimate is over the seeds that reached it ({@code reachedAll} says whether that was every seed).
     */
    public Map<String, Object> equalLossSpeedup(String base, String other) {
        List<Double> speedups = new ArrayList<>();
        int notReached = 0;
        Map<String, Object> perSeed = new LinkedHashMap<>();
        for (Map.Entry<Long, RunRecord> e : byMethod.getOrDefault(base, Map.of()).entrySet()) {
            RunRecord o = byMethod.getOrDefault(other, Map.of()).get(e.getKey());
            RunRecord u = e.getValue();
            if (o == null || u.last() == null || !o.completed() || !u.completed()) {
                continue;
            }
            double target = u.last().trainLoss();
            double[][] c = fractionCurve(o);
            double at = Curves.firstReach(c[0], c[1], target);
            if (Double.isFinite(at) && at > 0) {
                speedups.add(1 / at);
                perSeed.put("seed" + e.getKey(), 1 / at);
            } else if (Double.isFinite(at)) {
                // Reached at the very first evaluation: bounded by the first evaluation's fraction.
                double first = c[0].length > 1 ? c[0][1] : 1;
                speedups.add(1 / first);
                perSeed.put("seed" + e.getKey(), 1 / first);
            } else {
                notReached++;
                perSeed.put("seed" + e.getKey(), null);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>(speedups.isEmpty()
                ? new Paired.Interval(Double.NaN, Double.NaN, Double.NaN, 0).asMap()
                : Paired.geometric(speedups).asMap());
        m.put("notReached", notReached);
        m.put("reachedAll", notReached == 0 && !speedups.isEmpty());
        m.put("perSeed", perSeed);
        return m;
    }

    /**
     * Regime: at least this share of uniform's training-loss fall (on a log scale) also holds on images of the same
     * distribution it never trained on; below it, uniform memorised its training images (docs/statistics.md).
     */
    public static final double REGIME_CARRIED_OVER = 0.5;

    /**
     * How much importance sampling the regime asks of the Algorithm 1 runs, following each section of the paper
     * (docs/statistics.md, "The regime"): §4.2 and §4.3 sample for most of training, §4.4 switches on part way
     * (at about 2,000 of 3,600 seconds).
     */
    public enum IsCondition {
        /** Importance sampling on for at least {@link #REGIME_IS_SHARE} of the iterations (mean over seeds). */
        HALF_OF_ITERATIONS,
        /** Importance sampling switched on within the budget in every seed. */
        SWITCHED_ON
    }

    /** The regime of §4.2 and §4.3: {@link IsCondition#HALF_OF_ITERATIONS}. */
    public Map<String, Object> regime(String base, String isMethod) {
        return regime(base, isMethod, IsCondition.HALF_OF_ITERATIONS);
    }

    /**
     * Whether the stand-in reached the regime in which importance sampling is expected to act: uniform's mean
     * training loss fell at least {@link #REGIME_LOSS_DROP}× below its initial value, without memorising (at least
     * {@link #REGIME_CARRIED_OVER} of that fall, on a log scale, also holds on the test images), and the
     * {@code isMethod} runs importance-sampled as {@code condition} asks.
     */
    public Map<String, Object> regime(String base, String isMethod, IsCondition condition) {
        List<Double> drops = new ArrayList<>();
        List<Double> carried = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        for (RunRecord u : byMethod.getOrDefault(base, Map.of()).values()) {
            if (u.completed() && u.series().size() >= 2) {
                Point first = u.series().get(0);
                Point last = u.last();
                drops.add(first.trainLoss() / last.trainLoss());
                carried.add(carriedOver(first, last));
                gaps.add(last.testLoss() / last.trainLoss());
            }
        }
        List<Double> shares = new ArrayList<>();
        int seedsOn = 0;
        for (RunRecord r : byMethod.getOrDefault(isMethod, Map.of()).values()) {
            double it = r.summary().iterations();
            double on = r.summary().isIterations();
            if (it > 0 && Double.isFinite(on)) {
                shares.add(on / it);
                seedsOn += on > 0 ? 1 : 0;
            }
        }
        double drop = Curves.mean(drops);
        double carriedOver = Curves.mean(carried);
        double gap = Curves.mean(gaps);
        double share = Curves.mean(shares);
        boolean lossOk = drop >= REGIME_LOSS_DROP;
        boolean memoryOk = carriedOver >= REGIME_CARRIED_OVER;
        boolean isOk = condition == IsCondition.SWITCHED_ON ? !shares.isEmpty() && seedsOn == shares.size()
                : share >= REGIME_IS_SHARE;
        List<String> why = new ArrayList<>();
        if (!lossOk) {
            why.add(String.format(Locale.ROOT, "uniform's training loss fell only %.3gx (needs ≥ %.0fx)",
                    drop, REGIME_LOSS_DROP));
        }
        if (!memoryOk) {
            why.add(Double.isFinite(carriedOver) ? String.format(Locale.ROOT, "uniform memorised its training "
                    + "images: %.0f%% of its training-loss fall (log scale) holds on unseen test images (needs ≥ "
                    + "%.0f%%), its final test loss is %.3gx its training loss", 100 * carriedOver,
                    100 * REGIME_CARRIED_OVER, gap) : "uniform's records have no test loss to tell whether it "
                    + "memorised its training images");
        }
        if (!isOk) {
            why.add(condition == IsCondition.SWITCHED_ON
                    ? String.format(Locale.ROOT, "importance sampling switched on in %d of %d %s runs (needs "
                    + "every one)", seedsOn, shares.size(), isMethod)
                    : String.format(Locale.ROOT, "importance sampling was on for %.0f%% of %s's iterations "
                    + "(needs ≥ %.0f%%)", 100 * share, isMethod, 100 * REGIME_IS_SHARE));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reached", lossOk && memoryOk && isOk);
        m.put("uniformLossDrop", Double.isFinite(drop) ? drop : null);
        m.put("carriedOver", Double.isFinite(carriedOver) ? carriedOver : null);
        m.put("unseenOverTrainingLoss", Double.isFinite(gap) ? gap : null);
        m.put("isShare", Double.isFinite(share) ? share : null);
        m.put("isCondition", condition == IsCondition.SWITCHED_ON ? "switched on in every seed"
                : "on for ≥ " + Math.round(100 * REGIME_IS_SHARE) + "% of the iterations");
        m.put("reason", why.isEmpty() ? null : String.join("; ", why));
        return m;
    }

    /**
     * The share of the training-loss fall, on a log scale, that the test loss also shows between the same two
     * evaluations: ln(test₀ / test_T) / ln(train₀ / train_T). 1 when the test loss fell as far as the training
     * loss, 0 when it did not fall at all; NaN without a test loss or without a fall.
     */
    static double carriedOver(Point first, Point last) {
        double fall = Math.log(first.trainLoss() / last.trainLoss());
        double unseen = Math.log(first.testLoss() / last.testLoss());
        return fall > 0 && Double.isFinite(unseen) ? unseen / fall : Double.NaN;
    }

    public String experiment() {
        return experiment;
    }

    public Scale scale() {
        return scale;
    }

    /** Training loss at a fraction of the budget, interpolated between evaluations. */
    static double lossAt(RunRecord r, double fraction) {
        if (r.diverged()) {
            return Double.POSITIVE_INFINITY;
        }
        double[][] c = fractionCurve(r);
        if (c[0].length == 0) {
            return Double.NaN;
        }
        // The last evaluation spends the budget by at most one step more: clamp to the curve's range.
        double x = Math.min(fraction, c[0][c[0].length - 1]);
        return Curves.interpolate(c[0], c[1], x);
    }

    /** The training-loss curve with x as the fraction of the run's budget spent. */
    static double[][] fractionCurve(RunRecord r) {
        RunConfig.Budget budget = r.config().budget();
        String unit = budget == null ? null : budget.unit();
        double amount = budget == null ? Double.NaN : budget.amount();
        ToDoubleFunction<Point> clock = switch (unit == null ? "" : unit) {
            case "cost" -> Point::costUnits;
            case "iterations" -> Point::iteration;
            default -> Point::wallSeconds;
        };
        List<double[]> pts = new ArrayList<>();
        for (Point p : r.series()) {
            if (Double.isFinite(p.trainLoss())) {
                pts.add(new double[] {clock.applyAsDouble(p) / amount, p.trainLoss()});
            }
        }
        double[] xs = new double[pts.size()];
        double[] ys = new double[pts.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = pts.get(i)[0];
            ys[i] = pts.get(i)[1];
        }
        return new double[][] {xs, ys};
    }
}
