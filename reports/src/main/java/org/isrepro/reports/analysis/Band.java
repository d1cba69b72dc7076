package org.isrepro.reports.analysis;

/**
 * Mean over seeds on a common x grid, with the 95% t-interval of the mean ({@code lo}, {@code hi}: mean ±
 * t_{0.975, n-1}·sd/√n; equal to the mean when one seed, so no band is drawn) and the min-max envelope.
 */
public record Band(double[] x, double[] mean, double[] min, double[] max, double[] lo, double[] hi, int seeds) {

    public Band(double[] x, double[] mean, double[] min, double[] max, int seeds) {
        this(x, mean, min, max, mean, mean, seeds);
    }

    public boolean isEmpty() {
        return x.length == 0;
    }

    public double lastMean() {
        return mean.length == 0 ? Double.NaN : mean[mean.length - 1];
    }

    /** Whether there is an interval to draw (at least two seeds). */
    public boolean hasInterval() {
        return seeds > 1;
    }
}
