package org.isrepro.core.sample;

import java.util.SplittableRandom;

/** Draws indices 0..n-1 with replacement from a fixed discrete distribution. */
public interface Sampler {
    int size();

    double probability(int index);

    int next(SplittableRandom rng);

    default int[] sample(int count, SplittableRandom rng) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = next(rng);
        }
        return out;
    }
}
