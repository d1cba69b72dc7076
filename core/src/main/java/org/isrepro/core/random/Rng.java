package org.isrepro.core.random;

import java.util.SplittableRandom;

/**
 * Replayable randomness: every stream is derived from (run seed, purpose, counter), so a resumed run
 * draws exactly what the uninterrupted one would have, with nothing to save but the counter.
 */
public final class Rng {
    private Rng() {
    }

    public static SplittableRandom stream(long seed, String purpose, long counter) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h ^= purpose.hashCode() * 0xC2B2AE3D27D4EB4FL;
        h ^= counter * 0x165667B19E3779F9L;
        return new SplittableRandom(new SplittableRandom(h).nextLong());
    }
}
