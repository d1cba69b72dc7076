package org.isrepro.reproduction.run;

/**
 * One run of a matrix before it is run: experiment × method label × seed, its record's name
 * ({@link Runner#runName}), the group it must share a shard with, and its expected cost in GPU-seconds.
 *
 * @param group   runs with the same group go to the same shard: all seeds of a method tuned on validation
 *                ({@link Tuning}) share one tuning search, which would otherwise be repeated on every shard
 * @param seconds expected training seconds, including the tuning search for the method's first seed
 * @param basis   where {@code seconds} comes from: {@code budget} (a wall-clock budget), {@code measured}
 *                or {@code assumed} (an iteration or cost-clock budget times a seconds-per-iteration figure)
 */
public record PlannedRun(String experiment, String method, int seed, String name, String group, double seconds,
                         String basis) {
    public PlannedRun {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(name + ": expected cost must be finite and non-negative, got " + seconds);
        }
    }
}
