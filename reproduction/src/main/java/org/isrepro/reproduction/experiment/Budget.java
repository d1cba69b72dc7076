package org.isrepro.reproduction.experiment;

/**
 * The fixed budget of one run (§4.2: "we also fix the total seconds available for training"). In
 * wall-clock seconds on GPU boxes; in cost-clock units in CI so that verdicts do not depend on a noisy
 * machine (forward = 1 unit per sample, backward = 2).
 */
public record Budget(Unit unit, double amount) {
    public enum Unit { COST, SECONDS }

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

    /** Fraction of the budget consumed, from the two clocks. */
    public double progress(double costUnits, double wallSeconds) {
        return (unit == Unit.COST ? costUnits : wallSeconds) / amount;
    }
}
