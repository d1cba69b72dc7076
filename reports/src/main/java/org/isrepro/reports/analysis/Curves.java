package org.isrepro.reports.analysis;

import org.isrepro.reports.records.Point;
import org.isrepro.reports.records.RunRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.isrepro.records.MethodIds.GRADIENT_NORM;
import static org.isrepro.records.MethodIds.KATYUSHA;
import static org.isrepro.records.MethodIds.LOSHCHILOV_HUTTER;
import static org.isrepro.records.MethodIds.LOSS;
import static org.isrepro.records.MethodIds.OSGD;
import static org.isrepro.records.MethodIds.RAIS;
import static org.isrepro.records.MethodIds.SCHAUL;
import static org.isrepro.records.MethodIds.SCSG;
import static org.isrepro.records.MethodIds.SVRG;
import static org.isrepro.records.MethodIds.UNIFORM;
import static org.isrepro.records.MethodIds.UPPER_BOUND;

/** Grouping and averaging of run curves. */
public final class Curves {
    /** The order methods are listed in legends and tables: the reference first. */
    private static final List<String> METHOD_ORDER = List.of(UNIFORM, UPPER_BOUND, LOSS, GRADIENT_NORM,
            LOSHCHILOV_HUTTER, SCHAUL, SVRG, KATYUSHA, SCSG, OSGD, RAIS);

    private Curves() {
    }

    /** Runs grouped by (method, variant), reference method first, then variants in natural order. */
    public static Map<String, List<RunRecord>> byGroup(List<RunRecord> runs) {
        Map<String, List<RunRecord>> out = new LinkedHashMap<>();
        runs.stream().sorted(Comparator.comparingInt((RunRecord r) -> methodRank(r.method()))
                        .thenComparing(RunRecord::method)
                        .thenComparing(r -> variantSortKey(r.variant())).thenComparingLong(RunRecord::seed))
                .forEach(r -> out.computeIfAbsent(r.group(), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static int methodRank(String m) {
        int i = METHOD_ORDER.indexOf(m);
        return i < 0 ? METHOD_ORDER.size() : i;
    }

    /** Sorts "B=2b" before "B=10b" by zero-padding the digits. */
    private static String variantSortKey(String v) {
        if (v == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        StringBuilder digits = new StringBuilder();
        for (char c : (v + " ").toCharArray()) {
            if (Character.isDigit(c)) {
                digits.append(c);
            } else {
                if (digits.length() > 0) {
                    sb.append("0".repeat(Math.max(0, 9 - digits.length()))).append(digits);
                    digits.setLength(0);
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The (x, y) points of one run where both are finite (and y positive when {@code positiveY}). */
    public static double[][] xy(RunRecord r, ToDoubleFunction<Point> x, ToDoubleFunction<Point> y,
                                boolean positiveY) {
        List<double[]> pts = new ArrayList<>();
        for (Point p : r.series()) {
            double xv = x.applyAsDouble(p);
            double yv = y.applyAsDouble(p);
            if (Double.isFinite(xv) && Double.isFinite(yv) && (!positiveY || yv > 0)) {
                pts.add(new double[]{xv, yv});
            }
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    /**
     * Mean, 95% t-interval of the mean and min-max over seeds. The grid is the x values of the seed with the most points,
     * restricted to the range every seed covers; each seed is linearly interpolated onto it (seeds
     * evaluated at the same cost-clock points are therefore averaged point by point).
     */
    public static Band band(List<RunRecord> seeds, ToDoubleFunction<Point> x, ToDoubleFunction<Point> y,
                            boolean positiveY) {
        List<double[][]> curves = new ArrayList<>();
        for (RunRecord r : seeds) {
            double[][] c = xy(r, x, y, positiveY);
            if (c[0].length > 0) {
                curves.add(c);
            }
        }
        if (curves.isEmpty()) {
            return new Band(new double[0], new double[0], new double[0], new double[0], new double[0],
                    new double[0], 0);
        }
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        double[] densest = curves.get(0)[0];
        for (double[][] c : curves) {
            lo = Math.max(lo, c[0][0]);
            hi = Math.min(hi, c[0][c[0].length - 1]);
            if (c[0].length > densest.length) {
                densest = c[0];
            }
        }
        List<Double> grid = new ArrayList<>();
        for (double g : densest) {
            if (g >= lo && g <= hi) {
                grid.add(g);
            }
        }
        int n = grid.size();
        double[] gx = new double[n];
        double[] mean = new double[n];
        double[] min = new double[n];
        double[] max = new double[n];
        double[] ciLo = new double[n];
        double[] ciHi = new double[n];
        int k = curves.size();
        double t = k > 1 ? tQuantile975(k - 1) : 0;
        for (int i = 0; i < n; i++) {
            gx[i] = grid.get(i);
            double[] v = new double[k];
            double sum = 0;
            min[i] = Double.POSITIVE_INFINITY;
            max[i] = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double[][] c = curves.get(j);
                v[j] = interpolate(c[0], c[1], gx[i]);
                sum += v[j];
                min[i] = Math.min(min[i], v[j]);
                max[i] = Math.max(max[i], v[j]);
            }
            mean[i] = sum / k;
            double half = 0;
            if (k > 1) {
                double ss = 0;
                for (double x1 : v) {
                    ss += (x1 - mean[i]) * (x1 - mean[i]);
                }
                half = t * Math.sqrt(ss / (k - 1)) / Math.sqrt(k);
            }
            ciLo[i] = mean[i] - half;
            ciHi[i] = mean[i] + half;
        }
        return new Band(gx, mean, min, max, ciLo, ciHi, k);
    }

    /** t_{0.975, df} (two-sided 95%) for df = 1..30, from the standard tables. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
            2.056, 2.052, 2.048, 2.045, 2.042};

    /** The 0.975 quantile of Student's t with {@code df} degrees of freedom (df ≥ 1). */
    public static double tQuantile975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + df);
        }
        if (df <= T975.length) {
            return T975[df - 1];
        }
        // Cornish-Fisher expansion of t in terms of the normal quantile: accurate to 1e-3 for df > 30
        double z = 1.959964;
        double g1 = (z * z * z + z) / 4;
        double g2 = (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / 96;
        return z + g1 / df + g2 / ((double) df * df);
    }

    /** Linear interpolation in a curve with non-decreasing x; NaN outside its range. */
    public static double interpolate(double[] xs, double[] ys, double x) {
        if (xs.length == 0 || x < xs[0] || x > xs[xs.length - 1]) {
            return Double.NaN;
        }
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == x) {
                return ys[i];
            }
            if (xs[i] > x) {
                double t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
                return ys[i - 1] + t * (ys[i] - ys[i - 1]);
            }
        }
        return ys[ys.length - 1];
    }

    /**
     * The first x at which y falls to {@code level} or below, linearly interpolated between the
     * evaluation before and the first one at or below the level; +Infinity when it never does.
     */
    public static double firstReach(double[] xs, double[] ys, double level) {
        for (int i = 0; i < xs.length; i++) {
            if (ys[i] <= level) {
                if (i == 0 || ys[i - 1] == ys[i]) {
                    return xs[i];
                }
                double t = (ys[i - 1] - level) / (ys[i - 1] - ys[i]);
                return xs[i - 1] + t * (xs[i] - xs[i - 1]);
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    public static double firstReach(RunRecord r, ToDoubleFunction<Point> x, ToDoubleFunction<Point> y,
                                    double level) {
        double[][] c = xy(r, x, y, false);
        return firstReach(c[0], c[1], level);
    }

    public static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public static double median(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        int m = s.size() / 2;
        return s.size() % 2 == 1 ? s.get(m) : (s.get(m - 1) + s.get(m)) / 2;
    }

    /**
     * Epochs-equivalent speed-up of {@code other} over {@code uniform} (RAIS, Johnson &amp; Guestrin 2018): for each of
     * uniform's seed-mean training-loss levels after the first evaluation (running minimum), uniform's epochs to
     * reach it over other's (0 when other never does). Returns {median speed-up, speed-up at uniform's final
     * level, number of levels}.
     */
    public static double[] epochSpeedup(List<RunRecord> uniform, List<RunRecord> other) {
        Band u = band(uniform, Point::epoch, Point::trainLoss, false);
        Band o = band(other, Point::epoch, Point::trainLoss, false);
        List<Double> ratios = new ArrayList<>();
        double runningMin = u.mean().length == 0 ? Double.NaN : u.mean()[0];
        double last = Double.NaN;
        for (int i = 1; i < u.x().length; i++) {
            runningMin = Math.min(runningMin, u.mean()[i]);
            double eu = firstReach(u.x(), u.mean(), runningMin);
            if (!(eu > 0)) {
                continue;
            }
            double eo = firstReach(o.x(), o.mean(), runningMin);
            last = Double.isInfinite(eo) ? 0 : eu / eo;
            ratios.add(last);
        }
        return new double[]{median(ratios), last, ratios.size()};
    }
}
