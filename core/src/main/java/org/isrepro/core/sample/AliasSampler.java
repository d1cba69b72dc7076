package org.isrepro.core.sample;

import java.util.SplittableRandom;

/**
 * Walker's alias method (Vose's construction): O(n) to build, O(1) per draw. Algorithm 1 draws b of B
 * every importance-sampled step; the benchmark compares it with {@link CumulativeSampler}.
 */
public final class AliasSampler implements Sampler {
    private final double[] probability;
    private final double[] accept;
    private final int[] alias;

    /** @param weights non-negative, finite, not necessarily normalised; all zero means uniform */
    public AliasSampler(double[] weights) {
        probability = Distribution.normalise(weights);
        int n = probability.length;
        accept = new double[n];
        alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int ns = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = probability[i] * n;
            if (scaled[i] < 1.0) {
                small[ns++] = i;
            } else {
                large[nl++] = i;
            }
        }
        while (ns > 0 && nl > 0) {
            int s = small[--ns];
            int l = large[--nl];
            accept[s] = scaled[s];
            alias[s] = l;
            scaled[l] = (scaled[l] + scaled[s]) - 1.0;
            if (scaled[l] < 1.0) {
                small[ns++] = l;
            } else {
                large[nl++] = l;
            }
        }
        // What is left is 1 up to rounding.
        while (nl > 0) {
            int l = large[--nl];
            accept[l] = 1.0;
            alias[l] = l;
        }
        while (ns > 0) {
            int s = small[--ns];
            accept[s] = 1.0;
            alias[s] = s;
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
        int column = rng.nextInt(accept.length);
        return rng.nextDouble() < accept[column] ? column : alias[column];
    }
}
