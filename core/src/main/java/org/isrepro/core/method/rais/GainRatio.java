package org.isrepro.core.method.rais;

/**
 * The gain ratio r = E‖g_U‖² / E‖g_R‖² of spec §4 from three moving averages [S]:
 * A ≈ E‖g_R‖² (EMA of the minibatch gradient's squared norm), U1 ≈ E‖g_U1‖² (EMA of
 * (1/|M|) Σ ṽ_k²/(n p_k)) and R1 ≈ E‖g_R1‖² (EMA of (1/|M|) Σ ṽ_k²/(n p_k)²), both unbiased [D].
 */
public final class GainRatio {
    /** How the three moments become r (spec §4 "scale caveat"; the paper's handling is unknown). */
    public enum Form {
        /** (a) eq. (6) as written: r = 1 + (U1 − R1)/(|M| A); mixes proxy units (U1, R1) with true units (A). */
        EQ6,
        /** (b) scale-free r ≈ U1/R1: the exact r's upper bound when ‖∇F‖² is negligible; stable in the spec's toy. */
        PROXY_RATIO
    }

    private final Form form;
    private final Ema a;
    private final Ema u1;
    private final Ema r1;

    public GainRatio(Form form, double alpha) {
        if (form == null) {
            throw new IllegalArgumentException("a gain-ratio form is required");
        }
        this.form = form;
        a = new Ema(alpha);
        u1 = new Ema(alpha);
        r1 = new Ema(alpha);
    }

    public Form form() {
        return form;
    }

    /**
     * One minibatch: the (proxy) norms ṽ_k of its draws, their probabilities p_k, the training-set size n
     * and, for {@link Form#EQ6}, ‖g_R‖² of the minibatch gradient (ignored, may be NaN, otherwise).
     */
    public void update(double[] v, double[] p, int n, double gradientSquaredNorm) {
        if (v.length != p.length || v.length == 0) {
            throw new IllegalArgumentException("need one probability per norm, got " + v.length + " and " + p.length);
        }
        double su = 0;
        double sr = 0;
        for (int k = 0; k < v.length; k++) {
            double q = n * p[k];
            su += v[k] * v[k] / q;
            sr += v[k] * v[k] / (q * q);
        }
        u1.update(su / v.length);
        r1.update(sr / v.length);
        if (form == Form.EQ6) {
            a.update(gradientSquaredNorm);
        }
    }

    /** The unclipped estimate for minibatch size b; NaN when a denominator is not positive. */
    public double estimate(int batchSize) {
        return form == Form.EQ6 ? eq6(u1.get(), r1.get(), a.get(), batchSize) : ratio(u1.get(), r1.get());
    }

    /** eq. (6), corrected [D]: r = 1 + (E‖g_U1‖² − E‖g_R1‖²) / (|M| E‖g_R‖²). */
    public static double eq6(double u1, double r1, double a, int batchSize) {
        return a > 0 ? 1 + (u1 - r1) / (batchSize * a) : Double.NaN;
    }

    public static double ratio(double u1, double r1) {
        return r1 > 0 ? u1 / r1 : Double.NaN;
    }

    double[] state() {
        return new double[] {a.raw(), a.count(), u1.raw(), u1.count(), r1.raw(), r1.count()};
    }

    void restore(double[] s) {
        a.restore(s[0], (long) s[1]);
        u1.restore(s[2], (long) s[3]);
        r1.restore(s[4], (long) s[5]);
    }
}
