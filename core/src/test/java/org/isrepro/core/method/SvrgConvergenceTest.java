package org.isrepro.core.method;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.isrepro.core.model.Model;
import org.isrepro.core.testing.ConvexProblem;
import org.isrepro.core.testing.Nd4jTestBase;
import org.junit.jupiter.api.Test;

/**
 * SVRG's defining property on a strongly convex problem (L2-regularised softmax regression on 200 seeded
 * Gaussian-blob samples, {@link ConvexProblem}): with a constant step it converges linearly to the optimum
 * θ* of full-batch gradient descent, where plain SGD with the same step stalls at its noise floor.
 */
class SvrgConvergenceTest extends Nd4jTestBase {
    static final double STEP = 0.5;
    static final int BATCH = 20;
    static final int EPOCHS = 15;

    /** ‖θ − θ*‖/‖θ*‖ after each epoch (N/b updates) of the method, from θ₀, with a constant step. */
    static double[] distancesPerEpoch(Method method, int epochs) {
        ConvexProblem.Instance p = ConvexProblem.standard();
        Model model = p.freshModel();
        int perEpoch = ConvexProblem.N / BATCH;
        double[] out = new double[epochs + 1];
        out[0] = p.relativeDistance(model);
        for (int t = 0; t < epochs * perEpoch; t++) {
            method.step(model, p.data(), new StepContext(t, STEP, new SplittableRandom(1_000 + t)));
            if ((t + 1) % perEpoch == 0) {
                out[(t + 1) / perEpoch] = p.relativeDistance(model);
            }
        }
        return out;
    }

    static String show(double[] d) {
        StringBuilder sb = new StringBuilder();
        for (double v : d) {
            sb.append(String.format(" %.1e", v));
        }
        return sb.toString();
    }

    @Test
    void svrgWithAConstantStepConvergesLinearlyWhereSgdPlateaus() {
        double[] svrg = distancesPerEpoch(new Svrg(Svrg.Config.of(BATCH, 1.0)), EPOCHS);
        double[] sgd = distancesPerEpoch(new Uniform(BATCH), EPOCHS);
        // Linear: over epochs 5..15 the distance shrinks by at least 0.6 per epoch on average (seen: ~0.35),
        // and it ends below 1e-6 of ‖θ*‖ (seen: ~1.5e-7).
        double rate = Math.pow(svrg[EPOCHS] / svrg[5], 1.0 / (EPOCHS - 5));
        assertTrue(rate < 0.6, "SVRG contraction per epoch " + rate + ":" + show(svrg));
        assertTrue(svrg[EPOCHS] < 1e-6, "SVRG distance after " + EPOCHS + " epochs:" + show(svrg));
        // SGD with the same constant step never gets within 1e-3 over the last five epochs (seen: ~1e-1).
        for (int e = EPOCHS - 4; e <= EPOCHS; e++) {
            assertTrue(sgd[e] > 1e-3, "SGD reached " + sgd[e] + " at epoch " + e + ":" + show(sgd));
        }
    }
}
