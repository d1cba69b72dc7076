package org.isrepro.core.method.rais;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.FAST)
class RobustDistributionTest {
    // n = 3 examples, d_R = 2 features; centres well above the semi-axes so that v ≥ 0 is inactive.
    private static final double[][] S = {{1.0, 0.2}, {0.3, 1.0}, {2.0, 0.5}};
    private static final double[] C = {1.5, 2.0};
    private static final double[] D = {0.4, 0.9};

    /** max over the ellipsoid boundary of Σ v_i²/p_i: sphere sampling, then projected gradient ascent. */
    static double worstCase(double[] p, int samples) {
        double[] mu = new double[3];
        double[] sigma = new double[3];
        for (int i = 0; i < 3; i++) {
            mu[i] = RobustDistribution.dot(C, S[i]);
            sigma[i] = Math.sqrt(RobustDistribution.dot(D, S[i]));
        }
        double best = -1;
        double[] bx = null;
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int k = 0; k < samples; k++) {
            double z = 1 - 2 * (k + 0.5) / samples;
            double rad = Math.sqrt(1 - z * z);
            double[] x = {rad * Math.cos(golden * k), rad * Math.sin(golden * k), z};
            double f = objective(x, mu, sigma, p);
            if (f > best) {
                best = f;
                bx = x;
            }
        }
        for (int it = 0; it < 2_000; it++) {
            double[] g = new double[3];
            for (int i = 0; i < 3; i++) {
                g[i] = 2 * (mu[i] + sigma[i] * bx[i]) * sigma[i] / p[i];
            }
            double[] x = new double[3];
            double norm = 0;
            for (int i = 0; i < 3; i++) {
                x[i] = bx[i] + 1e-3 * g[i];
                norm += x[i] * x[i];
            }
            for (int i = 0; i < 3; i++) {
                x[i] /= Math.sqrt(norm);
            }
            double f = objective(x, mu, sigma, p);
            if (f > best) {
                best = f;
                bx = x;
            }
        }
        return best;
    }

    private static double objective(double[] x, double[] mu, double[] sigma, double[] p) {
        double f = 0;
        for (int i = 0; i < 3; i++) {
            double v = mu[i] + sigma[i] * x[i];
            f += v * v / p[i];
        }
        return f;
    }

    @Test
    void closedFormMatchesBruteForceMinimax() {
        double[] pStar = RobustDistribution.probabilities(S, C, D);
        double sumU = 0;
        double[] sBar = {3.3, 1.7};
        double gamma = RobustDistribution.gamma(D, sBar);
        for (double[] s : S) {
            sumU += RobustDistribution.dot(C, s) + gamma * RobustDistribution.dot(D, s);
        }
        double atStar = worstCase(pStar, 20_000);
        // The worst case at p* is (Σ u)² (spec §3.2).
        assertEquals(sumU * sumU, atStar, 1e-6 * atStar);
        // No p on a 0.01 grid of the simplex does better; the grid's best lies next to p*.
        double gridBest = Double.POSITIVE_INFINITY;
        double[] argBest = null;
        for (int a = 1; a < 100; a++) {
            for (int b = 1; a + b < 100; b++) {
                double[] p = {a / 100.0, b / 100.0, 1 - (a + b) / 100.0};
                double w = worstCase(p, 600);
                if (w < gridBest) {
                    gridBest = w;
                    argBest = p;
                }
            }
        }
        assertTrue(gridBest >= atStar * (1 - 1e-6), "grid point beats the closed form: " + gridBest + " < " + atStar);
        for (int i = 0; i < 3; i++) {
            assertEquals(pStar[i], argBest[i], 0.011, "grid argmin coordinate " + i);
        }
    }

    @Test
    void zeroUncertaintyGivesProportionalToTheCentre() {
        double[][] s = {{1, 1}, {3, 1}};
        double[] p = RobustDistribution.probabilities(s, new double[] {1, 0}, new double[] {0, 1e-300 * 0 + 1e-30});
        assertEquals(0.25, p[0], 1e-12);
        assertEquals(0.75, p[1], 1e-12);
    }

    @Test
    void negativeOrEmptyParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RobustDistribution.mixture(new double[] {-1}, new double[] {1},
                new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> RobustDistribution.mixture(new double[] {1}, new double[] {0},
                new double[] {1}));
    }
}
