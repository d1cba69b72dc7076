package org.isrepro.core.method.rais;

import java.util.SplittableRandom;

/**
 * The n × d_R non-negative features s_i of spec §3.4, their sum S̄, and a sampler with P(i) ∝ ⟨e, s_i⟩.
 *
 * <p>Sampling follows the spec's sum-tree suggestion [ASSUME]: one Fenwick tree per feature holding s_ik;
 * pick feature k with probability ∝ e_k S̄_k, then i within tree k ∝ s_ik, which gives P(i) ∝ ⟨e, s_i⟩
 * exactly in O(d_R + log n) per draw and O(d_R log n) per feature update, instead of O(n d_R) per step.
 * S̄ is recomputed exactly whenever the trees are rebuilt ({@link #rebuild}) to bound floating drift.
 */
public final class FeatureTable {
    private final int n;
    private final int dR;
    private final double[][] s;
    private final double[][] tree;  // tree[k] is a 1-based Fenwick tree over s[.][k]
    private final double[] sBar;

    public FeatureTable(int n, int dR) {
        if (n < 1 || dR < 1) {
            throw new IllegalArgumentException("need n >= 1 examples and d_R >= 1 features, got " + n + ", " + dR);
        }
        this.n = n;
        this.dR = dR;
        s = new double[n][dR];
        tree = new double[dR][n + 1];
        sBar = new double[dR];
    }

    public int size() {
        return n;
    }

    public int dimension() {
        return dR;
    }

    public double get(int i, int k) {
        return s[i][k];
    }

    /** A copy of s_i. */
    public double[] row(int i) {
        return s[i].clone();
    }

    /** A copy of S̄ = Σ_i s_i. */
    public double[] sum() {
        return sBar.clone();
    }

    public void set(int i, int k, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("feature s[" + i + "][" + k + "] must be finite and >= 0, got " + value);
        }
        double delta = value - s[i][k];
        if (delta == 0) {
            return;
        }
        s[i][k] = value;
        sBar[k] += delta;
        for (int x = i + 1; x <= n; x += x & -x) {
            tree[k][x] += delta;
        }
    }

    /** Feature k's tree and its sum, as they are (checkpoints keep them so a resumed run draws bit-identically). */
    public double[] treeState(int k) {
        double[] out = new double[n + 2];
        System.arraycopy(tree[k], 0, out, 0, n + 1);
        out[n + 1] = sBar[k];
        return out;
    }

    /** Restores what {@link #treeState} returned, after the features themselves have been set. */
    public void restoreTree(int k, double[] state) {
        if (state.length != n + 2) {
            throw new IllegalArgumentException("tree state has " + state.length + " values, expected " + (n + 2));
        }
        System.arraycopy(state, 0, tree[k], 0, n + 1);
        sBar[k] = state[n + 1];
    }

    /** Recomputes S̄ and the trees from the features (O(n d_R)). */
    public void rebuild() {
        for (int k = 0; k < dR; k++) {
            double[] t = tree[k];
            java.util.Arrays.fill(t, 0);
            double total = 0;
            for (int i = 0; i < n; i++) {
                t[i + 1] += s[i][k];
                total += s[i][k];
                int parent = (i + 1) + ((i + 1) & -(i + 1));
                if (parent <= n) {
                    t[parent] += t[i + 1];
                }
            }
            sBar[k] = total;
        }
    }

    /** ⟨e, s_i⟩ / ⟨e, S̄⟩. */
    public double probability(double[] e, int i) {
        return RobustDistribution.dot(e, s[i]) / RobustDistribution.dot(e, sBar);
    }

    /** One draw with P(i) ∝ ⟨e, s_i⟩; e must be non-negative with ⟨e, S̄⟩ > 0. */
    public int sample(double[] e, SplittableRandom rng) {
        double total = RobustDistribution.dot(e, sBar);
        if (!(total > 0)) {
            throw new IllegalStateException("⟨e, S̄⟩ = " + total + ": no example has positive sampling weight");
        }
        for (int attempt = 0; attempt < 1_000; attempt++) {
            double u = rng.nextDouble() * total;
            int k = 0;
            double acc = 0;
            for (; k < dR - 1; k++) {
                acc += e[k] * sBar[k];
                if (u < acc) {
                    break;
                }
            }
            if (!(e[k] * sBar[k] > 0)) {
                continue;  // rounding picked an empty feature
            }
            int i = find(k, rng.nextDouble() * sBar[k]);
            if (s[i][k] > 0) {
                return i;  // a zero entry can only be hit through rounding; redraw
            }
        }
        throw new IllegalStateException("could not draw an example with positive weight in 1000 attempts");
    }

    /** The i with prefix_k(i) ≤ target < prefix_k(i+1) (0-based), by Fenwick descent. */
    private int find(int k, double target) {
        double[] t = tree[k];
        int pos = 0;
        double rest = target;
        for (int step = Integer.highestOneBit(n); step > 0; step >>= 1) {
            int next = pos + step;
            if (next <= n && t[next] <= rest) {
                pos = next;
                rest -= t[next];
            }
        }
        return Math.min(pos, n - 1);
    }
}
