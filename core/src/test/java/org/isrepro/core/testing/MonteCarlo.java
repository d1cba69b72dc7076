package org.isrepro.core.testing;

/** Monte-Carlo criteria shared by the unbiasedness tests. */
public final class MonteCarlo {
    private MonteCarlo() {
    }

    /**
     * max over coordinates of |mean − target| / (standard deviation / √t), from per-coordinate sums and
     * sums of squares of t draws. Under unbiasedness it exceeds 4.5 over ~60 coordinates with
     * probability below 0.1%.
     */
    public static double maxAbsZ(double[] sum, double[] sumSq, double[] target, int t) {
        double max = 0;
        for (int d = 0; d < target.length; d++) {
            double mean = sum[d] / t;
            double var = Math.max(sumSq[d] / t - mean * mean, 1e-300);
            max = Math.max(max, Math.abs(mean - target[d]) / Math.sqrt(var / t));
        }
        return max;
    }
}
