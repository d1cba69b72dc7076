package org.isrepro.core.tau;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.FAST)
class TauEstimatorTest {

    @Test
    void tauOfOneToFourIsTheSpecsValue() {
        assertEquals(Math.sqrt(4 * 30.0) / 10, TauEstimator.tau(new double[] {1, 2, 3, 4}), 1e-12);
        assertEquals(1.0954, TauEstimator.tau(new double[] {1, 2, 3, 4}), 1e-4);
    }

    @Test
    void tauOfEqualScoresIsOne() {
        assertEquals(1.0, TauEstimator.tau(new double[] {0.3, 0.3, 0.3, 0.3, 0.3}), 1e-12);
    }

    @Test
    void tauOfOneNonZeroScoreOfNIsRootN() {
        double[] s = new double[49];
        s[17] = 2.5;
        assertEquals(7.0, TauEstimator.tau(s), 1e-12);
    }

    @Test
    void tauOfAllZeroScoresIsOne() {
        assertEquals(1.0, TauEstimator.tau(new double[5]));
    }

    @Test
    void tauMatchesEquation26() {
        // 1/tau = sqrt(1 - ||g - u||^2 / Σ g^2)
        double[] s = {0.1, 2, 0.7, 3.3, 0.05, 1};
        double sum = Arrays.stream(s).sum();
        double dist = 0;
        double sumSq = 0;
        for (double v : s) {
            double g = v / sum;
            dist += (g - 1.0 / s.length) * (g - 1.0 / s.length);
            sumSq += g * g;
        }
        assertEquals(1 / Math.sqrt(1 - dist / sumSq), TauEstimator.tau(s), 1e-12);
    }

    @Test
    void movingAverageAfterKConstantUpdatesIsOneMinusAToTheK() {
        TauEstimator t = new TauEstimator(0.9);
        double[] s = {1, 2, 3, 4};
        double c = TauEstimator.tau(s);
        for (int k = 1; k <= 25; k++) {
            t.update(s);
            assertEquals(c * (1 - Math.pow(0.9, k)), t.value(), 1e-12, "after " + k + " updates");
        }
    }

    @Test
    void aTauOutsideUnitIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new TauEstimator(1.0));
        assertThrows(IllegalArgumentException.class, () -> new TauEstimator(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new TauEstimator(Double.NaN));
    }
}
