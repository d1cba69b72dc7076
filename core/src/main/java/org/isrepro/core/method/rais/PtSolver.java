package org.isrepro.core.method.rais;

import java.util.List;

/**
 * Fits the uncertainty set's (c, d) to recent minibatches, problem (PT) of spec §3.3:
 * minimise ⟨d, S̄⟩ over c, d ≥ 0 subject to (1/|D|) Σ_j w̃_j (ṽ_j − ⟨c,s̃_j⟩)² / ⟨d,s̃_j⟩ ≤ 1.
 *
 * <p>With d = λe, ⟨e,S̄⟩ = 1 this is min over (c, e) of the jointly convex
 * h(c,e) = (1/|D|) Σ_j w̃_j (ṽ_j − ⟨c,s̃_j⟩)²/⟨e,s̃_j⟩, then d = h·e [D]. The paper's solver was not
 * found; this is the spec's alternating scheme [D]: a weighted non-negative least-squares c-step
 * (projected coordinate descent on the normal equations, d_R is small) and a multiplicative e-step
 * e_k ← e_k √(G_k/S̄_k), whose fixed point is the KKT condition.
 */
public final class PtSolver {
    /** One entry of the dataset D: features when sampled, the measured (proxy) norm, the weight w̃ = 1/p. */
    public record Row(double[] s, double v, double w) {
        public Row {
            RobustDistribution.checkNonNegative("features", s);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("a gradient norm must be finite and >= 0, got " + v);
            }
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("a row weight must be finite and > 0, got " + w);
            }
        }
    }

    /** The fitted set: c, d and h* = ⟨d*, S̄⟩, its size. */
    public record Fit(double[] c, double[] d, double h) {
    }

    private static final double TINY = 1e-300;

    private final int outerIterations;
    private final int innerIterations;

    /** @param outerIterations alternations of c- and e-steps (spec: 50-200); innerIterations e-updates per e-step (~30) */
    public PtSolver(int outerIterations, int innerIterations) {
        if (outerIterations < 1 || innerIterations < 1) {
            throw new IllegalArgumentException("(PT) solver iterations must be >= 1, got " + outerIterations + " and "
                    + innerIterations);
        }
        this.outerIterations = outerIterations;
        this.innerIterations = innerIterations;
    }

    public Fit solve(List<Row> rows, double[] sBar) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("(PT) needs at least one row in D");
        }
        RobustDistribution.checkNonNegative("S̄", sBar);
        int dR = sBar.length;
        int m = rows.size();
        double sBarTotal = 0;
        for (double x : sBar) {
            sBarTotal += x;
        }
        if (!(sBarTotal > 0)) {
            throw new IllegalArgumentException("S̄ is all zero: no feature is present in the training set");
        }
        for (Row r : rows) {
            if (r.s().length != dR) {
                throw new IllegalArgumentException("row has " + r.s().length + " features, S̄ has " + dR);
            }
            double support = 0;
            for (int k = 0; k < dR; k++) {
                support += sBar[k] > 0 ? r.s()[k] : 0;
            }
            if (!(support > 0)) {
                // Feasibility [D]: every row needs a feature that is present in S̄ (e.g. a class indicator).
                throw new IllegalArgumentException("a row of D has no feature that is positive in S̄; (PT) is"
                        + " infeasible. Use features with an intercept such as class indicators.");
            }
        }
        // 1. e_k = 1/ΣS̄ on the support of S̄; features absent from S̄ are dropped.
        double[] e = new double[dR];
        for (int k = 0; k < dR; k++) {
            e[k] = sBar[k] > 0 ? 1.0 / sBarTotal : 0;
        }
        double[] c = new double[dR];
        double h = Double.POSITIVE_INFINITY;
        double[] a = new double[m];
        for (int outer = 0; outer < outerIterations; outer++) {
            cStep(rows, e, sBar, c);
            // 3. e-step with a_j = w̃_j (ṽ_j − ⟨c,s̃_j⟩)²/|D|.
            for (int j = 0; j < m; j++) {
                double res = rows.get(j).v() - RobustDistribution.dot(c, rows.get(j).s());
                a[j] = rows.get(j).w() * res * res / m;
            }
            for (int inner = 0; inner < innerIterations; inner++) {
                double[] g = new double[dR];
                for (int j = 0; j < m; j++) {
                    double[] s = rows.get(j).s();
                    double es = Math.max(RobustDistribution.dot(e, s), TINY);
                    double f = a[j] / (es * es);
                    for (int k = 0; k < dR; k++) {
                        g[k] += f * s[k];
                    }
                }
                double norm = 0;
                for (int k = 0; k < dR; k++) {
                    e[k] = sBar[k] > 0 ? e[k] * Math.sqrt(g[k] / sBar[k]) : 0;
                    norm += e[k] * sBar[k];
                }
                if (!(norm > 0)) {
                    // Every residual is zero: the data lie exactly on ⟨c,s⟩; any e is optimal, keep the start.
                    for (int k = 0; k < dR; k++) {
                        e[k] = sBar[k] > 0 ? 1.0 / sBarTotal : 0;
                    }
                    break;
                }
                for (int k = 0; k < dR; k++) {
                    e[k] /= norm;
                }
            }
            double hNew = h(rows, c, e);
            boolean converged = hNew >= h * (1 - 1e-12);
            h = Math.min(h, hNew);
            if (converged && outer > 0) {
                break;
            }
        }
        double hFinal = h(rows, c, e);
        double[] d = new double[dR];
        for (int k = 0; k < dR; k++) {
            d[k] = hFinal * e[k];
        }
        return new Fit(c, d, hFinal);
    }

    /** h(c, e) = (1/|D|) Σ_j w̃_j (ṽ_j − ⟨c,s̃_j⟩)² / ⟨e,s̃_j⟩. */
    public static double h(List<Row> rows, double[] c, double[] e) {
        double sum = 0;
        for (Row r : rows) {
            double res = r.v() - RobustDistribution.dot(c, r.s());
            double es = RobustDistribution.dot(e, r.s());
            if (res == 0) {
                continue;
            }
            sum += r.w() * res * res / Math.max(es, TINY);
        }
        return sum / rows.size();
    }

    /** 2. Weighted NNLS: min Σ_j ω_j (ṽ_j − ⟨c,s̃_j⟩)², c ≥ 0, ω_j = w̃_j/⟨e,s̃_j⟩; warm-started from c. */
    private static void cStep(List<Row> rows, double[] e, double[] sBar, double[] c) {
        int dR = c.length;
        double[][] gram = new double[dR][dR];
        double[] rhs = new double[dR];
        for (Row r : rows) {
            double[] s = r.s();
            double omega = r.w() / Math.max(RobustDistribution.dot(e, s), TINY);
            for (int k = 0; k < dR; k++) {
                if (s[k] == 0) {
                    continue;
                }
                rhs[k] += omega * r.v() * s[k];
                for (int l = 0; l < dR; l++) {
                    gram[k][l] += omega * s[k] * s[l];
                }
            }
        }
        double scale = 0;
        for (int k = 0; k < dR; k++) {
            scale = Math.max(scale, gram[k][k]);
        }
        for (int sweep = 0; sweep < 10_000; sweep++) {
            double change = 0;
            for (int k = 0; k < dR; k++) {
                if (!(gram[k][k] > 1e-14 * scale)) {
                    c[k] = 0;  // a feature absent from D is not identifiable: no centre contribution
                    continue;
                }
                double acc = rhs[k];
                for (int l = 0; l < dR; l++) {
                    if (l != k) {
                        acc -= gram[k][l] * c[l];
                    }
                }
                double next = Math.max(0, acc / gram[k][k]);
                change = Math.max(change, Math.abs(next - c[k]));
                c[k] = next;
            }
            double cMax = 0;
            for (double x : c) {
                cMax = Math.max(cMax, x);
            }
            if (change <= 1e-13 * cMax) {
                break;
            }
        }
    }
}
