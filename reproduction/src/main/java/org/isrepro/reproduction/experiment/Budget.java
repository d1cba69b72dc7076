package org.isrepro.reproduction.experiment;

/**
 * The fixed budget of one run (§4.2: "we also fix the total seconds available for training"). In
 * wall-clock seconds on GPU boxes; in cost-clock units in CI so that verdicts do not depend on a noisy
 * machine (forward = 1 unit per sample, backward = 2).
 */
public record Budget(Unit unit, double amount) {
    /** ITERATIONS: a fixed number of updates, for per-iteration studies (RAIS' oracle SGD pays 3n per update). */
    public enum Unit { COST, SECONDS, ITERATIONS }

    public Budget {
        if (!(amount > 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("budget must be positive and finite, got " + amount);
        }
    }

    public static Budget cost(double units) {
        return new Budget(Unit.COST, units);
    }

    public static Budget seconds(double s) {
        return new Budget(Unit.SECONDS, s);
    }

    public static Budget iterations(long updates) {
        return new Budget(Unit.ITERATIONS, updates);
    }

    /** Fraction of the budget consumed, from the two clocks and the update count. */
    public double progress(double costUnits, double wallSeconds, long iterations) {
        return switch (unit) {
            case COST -> costUnits;
            case SECONDS -> wallSeconds;
            case ITERATIONS -> iterations;
        } / amount;
    }
}
