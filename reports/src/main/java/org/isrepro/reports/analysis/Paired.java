package org.isrepro.reports.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Paired statistics over seeds with 95% Student-t intervals (docs/statistics.md). Two methods run with the same
 * seed share their initial network and data order, so each seed gives one paired value: a log-ratio for ratio
 * claims (a ratio is judged on the log scale, where a factor of 2 faster and 2 slower are symmetric) or a
 * difference for test-error claims. The interval is mean ± t(0.975, n-1) · sd / √n over the seeds; with one seed
 * there is no interval and both ends are NaN.
 */
public final class Paired {
    /** t(0.975, df) for df = 1..30; beyond, the normal quantile is within 2% and is used. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    private Paired() {
    }

    /** A statistic with its interval; {@code lo} and {@code hi} are NaN when n &lt; 2. */
    public record Interval(double estimate, double lo, double hi, int n) {
        public boolean hasInterval() {
            return Double.isFinite(lo) && Double.isFinite(hi);
        }

        /** Entirely below {@code bound} (strictly, or at most when {@code inclusive}). */
        public boolean below(double bound, boolean inclusive) {
            double top = hasInterval() ? hi : estimate;
            return inclusive ? top <= bound : top < bound;
        }

        /** Entirely on the other side of {@code bound} from {@link #below}. */
        public boolean above(double bound, boolean inclusive) {
            double bottom = hasInterval() ? lo : estimate;
            return inclusive ? bottom > bound : bottom >= bound;
        }

        public Map<String, Object> asMap() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("estimate", finite(estimate));
            m.put("lo", finite(lo));
            m.put("hi", finite(hi));
            m.put("n", n);
            return m;
        }

        private static Double finite(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }

    public static double t975(int df) {
        if (df < 1) {
            return Double.NaN;
        }
        return df <= T975.length ? T975[df - 1] : 1.960;
    }

    /** Mean with its 95% t-interval; NaN ends for fewer than two values. */
    public static Interval mean(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n < 2) {
            return new Interval(mean, Double.NaN, Double.NaN, n);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double half = t975(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        return new Interval(mean, mean - half, mean + half, n);
    }

    /**
     * The paired ratio other/base: geometric mean of the per-seed ratios with the interval of the mean log-ratio,
     * exponentiated. Only seeds present in both maps are paired; a non-positive or non-finite value makes that
     * seed's ratio non-finite, and such a ratio is returned as the estimate with no interval.
     */
    public static Interval ratio(Map<Long, Double> base, Map<Long, Double> other) {
        List<Double> logs = new ArrayList<>();
        for (Map.Entry<Long, Double> e : new TreeMap<>(base).entrySet()) {
            Double o = other.get(e.getKey());
            if (o == null) {
                continue;
            }
            logs.add(Math.log(o / e.getValue()));
        }
        if (logs.stream().anyMatch(v -> !Double.isFinite(v))) {
            double bad = logs.stream().filter(v -> !Double.isFinite(v)).findFirst().orElse(Double.NaN);
            return new Interval(Math.exp(bad), Double.NaN, Double.NaN, logs.size());
        }
        Interval l = mean(logs);
        return new Interval(Math.exp(l.estimate()), Math.exp(l.lo()), Math.exp(l.hi()), l.n());
    }

    /** The paired difference other − base, mean over seeds with its interval. */
    public static Interval difference(Map<Long, Double> base, Map<Long, Double> other) {
        List<Double> d = new ArrayList<>();
        for (Map.Entry<Long, Double> e : new TreeMap<>(base).entrySet()) {
            Double o = other.get(e.getKey());
            if (o != null) {
                d.add(o - e.getValue());
            }
        }
        if (d.stream().anyMatch(v -> !Double.isFinite(v))) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN, d.size());
        }
        return mean(d);
    }

    /** A geometric mean with the interval of the mean log (for per-seed speed-ups). */
    public static Interval geometric(List<Double> positive) {
        List<Double> logs = positive.stream().map(Math::log).toList();
        Interval l = mean(logs);
        return new Interval(Math.exp(l.estimate()), Math.exp(l.lo()), Math.exp(l.hi()), l.n());
    }
}
