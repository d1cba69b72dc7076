package org.isrepro.core.sample;

/** Checks and normalises non-negative scores into probabilities (double precision, as §3 requires). */
public final class Distribution {
    private Distribution() {
    }

    /** Index of the first score that is NaN, infinite or negative, or -1 when all are usable. */
    public static int firstInvalid(double[] scores) {
        for (int i = 0; i < scores.length; i++) {
            if (!(scores[i] >= 0) || Double.isInfinite(scores[i])) {
                return i;
            }
        }
        return -1;
    }

    /** p_i = s_i / Σ s; all-zero scores give the uniform distribution. */
    public static double[] normalise(double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no scores to normalise");
        }
        int bad = firstInvalid(scores);
        if (bad >= 0) {
            throw new IllegalArgumentException("score " + bad + " is " + scores[bad]
                    + "; scores must be finite and non-negative");
        }
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        double[] p = new double[scores.length];
        if (sum == 0) {
            java.util.Arrays.fill(p, 1.0 / scores.length);
            return p;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = scores[i] / sum;
        }
        return p;
    }
}
