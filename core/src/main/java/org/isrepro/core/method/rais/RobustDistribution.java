package org.isrepro.core.method.rais;

/**
 * The closed-form solution of (PR), spec §3.2 [D]: with the uncertainty set
 * U = {v ≥ 0 : Σ_i (v_i − ⟨c,s_i⟩)² / ⟨d,s_i⟩ ≤ 1}, the distribution minimising the worst case of
 * Σ_i v_i²/p_i is p_i ∝ u_i = ⟨c + γd, s_i⟩ with γ = 1/√(Σ_j ⟨d,s_j⟩) = 1/√⟨d,S̄⟩; the worst-case value
 * is (Σ_i u_i)².
 */
public final class RobustDistribution {
    private RobustDistribution() {
    }

    /** γ = 1/√⟨d, S̄⟩ (the ellipsoid's radius is 1, "known value, not a hyperparameter" [P]). */
    public static double gamma(double[] d, double[] sBar) {
        double ds = dot(d, sBar);
        if (!(ds > 0)) {
            throw new IllegalArgumentException("⟨d, S̄⟩ must be positive (the uncertainty set must have volume), got "
                    + ds);
        }
        return 1.0 / Math.sqrt(ds);
    }

    /** The mixture vector e = c + γd, so that u_i = ⟨e, s_i⟩. */
    public static double[] mixture(double[] c, double[] d, double[] sBar) {
        checkNonNegative("c", c);
        checkNonNegative("d", d);
        if (c.length != d.length || c.length != sBar.length) {
            throw new IllegalArgumentException("c, d and S̄ must have the same length (d_R), got " + c.length + ", "
                    + d.length + ", " + sBar.length);
        }
        double g = gamma(d, sBar);
        double[] e = new double[c.length];
        for (int k = 0; k < e.length; k++) {
            e[k] = c[k] + g * d[k];
        }
        return e;
    }

    /** p_i = u_i / Σ_j u_j for features s (n × d_R); all-zero u gives the uniform distribution. */
    public static double[] probabilities(double[][] s, double[] c, double[] d) {
        double[] sBar = new double[c.length];
        for (double[] row : s) {
            for (int k = 0; k < sBar.length; k++) {
                sBar[k] += row[k];
            }
        }
        double[] e = mixture(c, d, sBar);
        double[] u = new double[s.length];
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            u[i] = dot(e, s[i]);
            sum += u[i];
        }
        for (int i = 0; i < u.length; i++) {
            u[i] = sum > 0 ? u[i] / sum : 1.0 / u.length;
        }
        return u;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    static void checkNonNegative(String name, double[] x) {
        for (int k = 0; k < x.length; k++) {
            if (!(x[k] >= 0) || Double.isInfinite(x[k])) {
                throw new IllegalArgumentException(name + "[" + k + "] = " + x[k] + "; it must be finite and >= 0");
            }
        }
    }
}
