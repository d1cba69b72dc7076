package org.isrepro.core.method.rais;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.FAST)
class GainRatioTest {
    // n = 4 per-example gradients in R², a fixed non-uniform p, minibatch size 2.
    static final double[][] G = {{1.0, 0.5}, {-0.2, 0.1}, {2.0, -1.5}, {0.3, 0.9}};
    static final double[] P = {0.2, 0.1, 0.45, 0.25};
    static final int B = 2;

    static double norm(double[] g) {
        return Math.hypot(g[0], g[1]);
    }

    /** E‖(1/B) Σ_k g_k/(n p_k)‖² by enumerating all ordered pairs of draws. */
    static double secondMoment(double[] p) {
        int n = G.length;
        double e = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double x = (G[a][0] / (n * p[a]) + G[b][0] / (n * p[b])) / B;
                double y = (G[a][1] / (n * p[a]) + G[b][1] / (n * p[b])) / B;
                e += p[a] * p[b] * (x * x + y * y);
            }
        }
        return e;
    }

    @Test
    void eq6WithExactMomentsEqualsTheExactRatio() {
        int n = G.length;
        double u1 = 0;
        double r1 = 0;
        for (int i = 0; i < n; i++) {
            double v = norm(G[i]);
            u1 += v * v / n;
            r1 += v * v / (n * n * P[i]);
        }
        double uniform = secondMoment(new double[] {0.25, 0.25, 0.25, 0.25});
        double robust = secondMoment(P);
        assertEquals(uniform / robust, GainRatio.eq6(u1, r1, robust, B), 1e-12);
    }

    @Test
    void movingAverageEstimateConvergesToTheExactRatio() {
        double exact = secondMoment(new double[] {0.25, 0.25, 0.25, 0.25}) / secondMoment(P);
        GainRatio eq6 = new GainRatio(GainRatio.Form.EQ6, 1e-4);
        GainRatio proxy = new GainRatio(GainRatio.Form.PROXY_RATIO, 1e-4);
        SplittableRandom rng = new SplittableRandom(3);
        int n = G.length;
        for (int step = 0; step < 400_000; step++) {
            int[] k = {draw(rng), draw(rng)};
            double[] v = {norm(G[k[0]]), norm(G[k[1]])};
            double[] p = {P[k[0]], P[k[1]]};
            double x = (G[k[0]][0] / (n * p[0]) + G[k[1]][0] / (n * p[1])) / B;
            double y = (G[k[0]][1] / (n * p[0]) + G[k[1]][1] / (n * p[1])) / B;
            eq6.update(v, p, n, x * x + y * y);
            proxy.update(v, p, n, Double.NaN);
        }
        assertEquals(exact, eq6.estimate(B), 0.03 * exact, "EQ6 estimate");
        // The scale-free form bounds the exact ratio from above when U1 >= R1 (spec §4, option b).
        assertTrue(exact > 1, "this p is better than uniform: exact r = " + exact);
        assertTrue(proxy.estimate(B) >= exact * 0.97, "U1/R1 = " + proxy.estimate(B) + " < exact " + exact);
    }

    private static int draw(SplittableRandom rng) {
        double u = rng.nextDouble();
        double acc = 0;
        for (int i = 0; i < P.length; i++) {
            acc += P[i];
            if (u < acc) {
                return i;
            }
        }
        return P.length - 1;
    }

    @Test
    void emaIsBiasCorrectedAndRejectsBadInput() {
        Ema e = new Ema(0.01);
        e.update(5.0);
        assertEquals(5.0, e.get(), 1e-12);
        e.update(5.0);
        assertEquals(5.0, e.get(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Ema(0));
        assertThrows(IllegalArgumentException.class, () -> new Ema(1.5));
        assertThrows(IllegalArgumentException.class, () -> e.update(Double.NaN));
    }
}
