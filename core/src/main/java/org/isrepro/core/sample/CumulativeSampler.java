package org.isrepro.core.sample;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Inverse-CDF sampling by binary search over cumulative sums, as the reference code does: O(n) to build,
 * O(log n) per draw. Kept as the benchmark's point of comparison for {@link AliasSampler}.
 */
public final class CumulativeSampler implements Sampler {
    private final double[] probability;
    private final double[] cumulative;

    public CumulativeSampler(double[] weights) {
        probability = Distribution.normalise(weights);
        cumulative = new double[probability.length];
        double sum = 0;
        for (int i = 0; i < probability.length; i++) {
            sum += probability[i];
            cumulative[i] = sum;
        }
    }

    @Override
    public int size() {
        return probability.length;
    }

    @Override
    public double probability(int index) {
        return probability[index];
    }

    @Override
    public int next(SplittableRandom rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        i = i >= 0 ? i + 1 : -i - 1;
        // Skip zero-probability entries that share the cumulative value.
        while (i < probability.length - 1 && probability[i] == 0) {
            i++;
        }
        return Math.min(i, probability.length - 1);
    }
}
