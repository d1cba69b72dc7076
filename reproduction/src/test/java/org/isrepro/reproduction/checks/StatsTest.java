package org.isrepro.reproduction.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.FAST)
class StatsTest {

    @Test
    void spearmanIsOneForMonotoneAndPearsonIsNot() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {1, 4, 9, 16, 125};
        assertEquals(1.0, Stats.spearman(x, y), 1e-12);
        assertTrue(Stats.pearson(x, y) < 0.9);
        assertEquals(-1.0, Stats.spearman(x, new double[] {5, 4, 3, 2, 1}), 1e-12);
        // ties take their average rank
        assertEquals(2.5, Stats.ranks(new double[] {1, 5, 5, 0})[1] - 1.0, 1e-12);
    }

    @Test
    void probabilitySseIsZeroForProportionalScores() {
        assertEquals(0.0, Stats.probabilitySse(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-15);
        assertEquals(2.0, Stats.probabilitySse(new double[] {1, 0}, new double[] {0, 1}), 1e-15);
    }
}
