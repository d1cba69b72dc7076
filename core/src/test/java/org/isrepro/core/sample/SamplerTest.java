package org.isrepro.core.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.FAST)
class SamplerTest {
    private static final double[] WEIGHTS = {1, 0, 2, 3, 4, 0.5, 0};

    private static void frequenciesMatch(Function<double[], Sampler> make) {
        Sampler s = make.apply(WEIGHTS);
        int draws = 10_000;
        int[] counts = new int[WEIGHTS.length];
        for (int i : s.sample(draws, new SplittableRandom(42))) {
            counts[i]++;
        }
        double total = 10.5;
        for (int i = 0; i < WEIGHTS.length; i++) {
            assertEquals(WEIGHTS[i] / total, counts[i] / (double) draws, 0.02, "index " + i);
            if (WEIGHTS[i] == 0) {
                assertEquals(0, counts[i], "a zero-probability index was drawn");
            }
        }
    }

    @Test
    void aliasFrequenciesMatchTheDistribution() {
        frequenciesMatch(AliasSampler::new);
    }

    @Test
    void cumulativeFrequenciesMatchTheDistribution() {
        frequenciesMatch(CumulativeSampler::new);
    }

    @Test
    void sameSeedGivesSameDraws() {
        Sampler s = new AliasSampler(WEIGHTS);
        assertEquals(java.util.Arrays.toString(s.sample(50, new SplittableRandom(3))),
                java.util.Arrays.toString(s.sample(50, new SplittableRandom(3))));
    }

    @Test
    void allZeroWeightsMeanUniform() {
        Sampler s = new AliasSampler(new double[] {0, 0, 0, 0});
        for (int i = 0; i < 4; i++) {
            assertEquals(0.25, s.probability(i));
        }
    }

    @Test
    void invalidWeightsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {1, -1}));
        assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {1, Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {}));
    }
}
