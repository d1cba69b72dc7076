package org.isrepro.core.method.rais;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.FAST)
class PtSolverTest {
    private static final PtSolver SOLVER = new PtSolver(200, 30);

    /**
     * Three groups (one-hot features) with group means μ_g and noise σ_g, population sizes N_g, drawn
     * uniformly (w̃ = n). (PT) then separates [D]: c_g is the group mean of D, e_g ∝ √(R_g/N_g) with
     * R_g = Σ_{j∈g} w̃ (ṽ_j − c_g)², and d = h·e — exactly; in the population limit c_g = μ_g and
     * d_g = σ_g Σ_k N_k σ_k (so Σ_i σ²/d = 1: the true norms lie on the set's boundary on average).
     */
    @Test
    void recoversGroupMeansAndSpreadsOnAOneHotDesign() {
        double[] mu = {1.0, 3.0, 0.5};
        double[] sigma = {0.1, 0.6, 0.3};
        int[] pop = {500, 300, 200};
        int n = 1000;
        SplittableRandom rng = new SplittableRandom(5);
        List<PtSolver.Row> rows = new ArrayList<>();
        for (int j = 0; j < 40_000; j++) {
            int u = rng.nextInt(n);
            int g = u < pop[0] ? 0 : u < pop[0] + pop[1] ? 1 : 2;
            double[] s = new double[3];
            s[g] = 1;
            rows.add(new PtSolver.Row(s, Math.max(0, mu[g] + sigma[g] * rng.nextGaussian()), n));
        }
        double[] sBar = {pop[0], pop[1], pop[2]};
        PtSolver.Fit fit = SOLVER.solve(rows, sBar);
        // exact separable solution on this sample
        double[] mean = new double[3];
        double[] count = new double[3];
        for (PtSolver.Row r : rows) {
            int g = r.s()[0] > 0 ? 0 : r.s()[1] > 0 ? 1 : 2;
            mean[g] += r.v();
            count[g]++;
        }
        double[] e = new double[3];
        double[] rg = new double[3];
        for (int g = 0; g < 3; g++) {
            mean[g] /= count[g];
        }
        for (PtSolver.Row r : rows) {
            int g = r.s()[0] > 0 ? 0 : r.s()[1] > 0 ? 1 : 2;
            rg[g] += r.w() * (r.v() - mean[g]) * (r.v() - mean[g]);
        }
        double norm = 0;
        for (int g = 0; g < 3; g++) {
            e[g] = Math.sqrt(rg[g] / sBar[g]);
            norm += e[g] * sBar[g];
        }
        double h = 0;
        for (int g = 0; g < 3; g++) {
            e[g] /= norm;
            h += rg[g] / e[g] / rows.size();
        }
        double popScale = 0;
        for (int g = 0; g < 3; g++) {
            popScale += pop[g] * sigma[g];
        }
        for (int g = 0; g < 3; g++) {
            assertEquals(mean[g], fit.c()[g], 1e-9 * mean[g], "c_" + g + " (exact)");
            assertEquals(h * e[g], fit.d()[g], 1e-6 * h * e[g], "d_" + g + " (exact)");
            assertEquals(mu[g], fit.c()[g], 0.02 * mu[g], "c_" + g + " vs generating mean");
            assertEquals(sigma[g] * popScale, fit.d()[g], 0.05 * sigma[g] * popScale, "d_" + g + " vs generating spread");
        }
        assertEquals(h, fit.h(), 1e-6 * h);
    }

    /** With a continuous feature and intercepts no closed form exists: check KKT-optimality by perturbation. */
    @Test
    void mixedDesignFitIsNoWorseThanAnyNearbyFeasiblePoint() {
        SplittableRandom rng = new SplittableRandom(9);
        List<PtSolver.Row> rows = new ArrayList<>();
        double[] sBar = new double[3];
        for (int j = 0; j < 500; j++) {
            double last = rng.nextDouble() * 2;
            int g = rng.nextInt(2);
            double[] s = {last, g == 0 ? 1 : 0, g == 1 ? 1 : 0};
            double v = Math.max(0, 0.8 * last + 0.3 * g + (0.1 + 0.3 * last) * rng.nextGaussian());
            rows.add(new PtSolver.Row(s, v, 1.0 / (0.5 + rng.nextDouble())));
            for (int k = 0; k < 3; k++) {
                sBar[k] += s[k] * 2;
            }
        }
        PtSolver.Fit fit = SOLVER.solve(rows, sBar);
        double dot = RobustDistribution.dot(fit.d(), sBar);
        assertEquals(fit.h(), dot, 1e-9 * dot, "the minimal size ⟨d, S̄⟩ equals h*");
        double[] e = fit.d().clone();
        for (int k = 0; k < 3; k++) {
            e[k] /= fit.h();
        }
        double base = PtSolver.h(rows, fit.c(), e);
        for (int trial = 0; trial < 300; trial++) {
            double[] c2 = fit.c().clone();
            double[] e2 = e.clone();
            for (int k = 0; k < 3; k++) {
                c2[k] = Math.max(0, c2[k] + 0.02 * rng.nextGaussian());
                e2[k] = Math.max(0, e2[k] * (1 + 0.05 * rng.nextGaussian()));
            }
            double norm = RobustDistribution.dot(e2, sBar);
            for (int k = 0; k < 3; k++) {
                e2[k] /= norm;
            }
            assertTrue(PtSolver.h(rows, c2, e2) >= base * (1 - 1e-7), "perturbation " + trial + " improves h");
        }
    }

    @Test
    void infeasibleOrEmptyWindowsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SOLVER.solve(List.of(), new double[] {1}));
        // the row's only feature is absent from S̄: no ellipsoid can contain it
        List<PtSolver.Row> rows = List.of(new PtSolver.Row(new double[] {1, 0}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> SOLVER.solve(rows, new double[] {0, 5}));
        assertThrows(IllegalArgumentException.class, () -> new PtSolver.Row(new double[] {1}, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PtSolver(0, 1));
    }
}
