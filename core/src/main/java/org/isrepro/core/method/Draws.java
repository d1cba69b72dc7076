package org.isrepro.core.method;

import java.util.SplittableRandom;

/** Uniform draws with replacement. */
public final class Draws {
    private Draws() {
    }

    public static int[] uniform(int n, int count, SplittableRandom random) {
        if (n < 1) {
            throw new IllegalArgumentException("cannot draw from an empty training set");
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = random.nextInt(n);
        }
        return out;
    }
}
