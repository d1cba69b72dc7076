package org.isrepro.core.tau;

/**
 * The equivalent batch-size increase tau of eq. 26 and its exponential moving average (Algorithm 1,
 * lines 3 and 17): tau starts at 0, so importance sampling waits for tens of steps even when the scores
 * are skewed from the start, which the paper intends.
 */
public final class TauEstimator {
    public static final double DEFAULT_A_TAU = 0.9;

    private final double aTau;
    private double tau;

    public TauEstimator(double aTau) {
        if (!(aTau >= 0 && aTau < 1)) {
            throw new IllegalArgumentException("a_tau must be in [0, 1), got " + aTau);
        }
        this.aTau = aTau;
    }

    /**
     * eq. 26 in closed form: 1/sqrt(1 − ‖g−u‖²/Σg²) = sqrt(n Σs²) / Σs for g = s/Σs, u = 1/n.
     * Equal scores give 1, a single non-zero score of n gives √n, all-zero scores give 1 (g = u).
     */
    public static double tau(double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("tau of no scores");
        }
        double sum = 0;
        double sumSq = 0;
        for (double s : scores) {
            if (!(s >= 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("scores must be finite and non-negative, got " + s);
            }
            sum += s;
            sumSq += s * s;
        }
        if (sum == 0) {
            return 1.0;
        }
        return Math.sqrt(scores.length * sumSq) / sum;
    }

    /** Line 17: tau ← a_tau tau + (1 − a_tau) tau(scores); returns the new value. */
    public double update(double[] scores) {
        tau = aTau * tau + (1 - aTau) * tau(scores);
        return tau;
    }

    public double value() {
        return tau;
    }

    /** Restores a checkpointed value. */
    public void restore(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("tau must be finite and >= 0, got " + value);
        }
        tau = value;
    }

    public double aTau() {
        return aTau;
    }
}
