package org.isrepro.core.random;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded Fisher-Yates permutations. Every fixed subset and permutation of the project draws through here,
 * so one seed gives one permutation everywhere: the shuffle walks from the last position down, swapping
 * position i with a uniform draw from [0, i] of the given {@link SplittableRandom}.
 */
public final class Permutations {
    private Permutations() {
    }

    /** Shuffles {@code values} in place with draws from {@code random} (n - 1 draws for n values). */
    public static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** The permutation of 0..n-1 drawn from {@code seed}. */
    public static int[] of(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("a permutation needs n >= 0, got " + n);
        }
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        shuffle(p, new SplittableRandom(seed));
        return p;
    }

    /** The first {@code min(n, size)} entries of {@link #of(int, long)}: a fixed, class-mixed subset. */
    public static int[] firstOf(int n, int size, long seed) {
        if (size < 0) {
            throw new IllegalArgumentException("a subset needs size >= 0, got " + size);
        }
        return Arrays.copyOf(of(n, seed), Math.min(n, size));
    }
}
