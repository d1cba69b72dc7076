package org.isrepro.core.method.rais;

/**
 * Exponential moving average m_t = α x_t + (1−α) m_{t−1} (spec §4, [S]), bias-corrected at the start by
 * dividing by 1 − (1−α)^t ([ASSUME], as AdaScale does), so the first value is x_1 itself.
 */
public final class Ema {
    private final double alpha;
    private double m;
    private long count;

    public Ema(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("EMA parameter alpha must be in (0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    public void update(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("moving-average input must be finite, got " + x);
        }
        m = alpha * x + (1 - alpha) * m;
        count++;
    }

    /** The bias-corrected average; NaN before the first update. */
    public double get() {
        if (count == 0) {
            return Double.NaN;
        }
        return m / (1 - Math.pow(1 - alpha, count));
    }

    public long count() {
        return count;
    }

    double raw() {
        return m;
    }

    void restore(double raw, long n) {
        m = raw;
        count = n;
    }
}
