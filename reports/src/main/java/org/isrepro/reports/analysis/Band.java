package org.isrepro.reports.analysis;

/** Mean and min-max over seeds on a common x grid. */
public record Band(double[] x, double[] mean, double[] min, double[] max, int seeds) {

    public boolean isEmpty() {
        return x.length == 0;
    }

    public double lastMean() {
        return mean.length == 0 ? Double.NaN : mean[mean.length - 1];
    }
}
