package org.isrepro.core.model;

/**
 * The deterministic cost clock (design: "two clocks"): a forward pass of one sample costs 1 unit and a
 * backward pass 2, the paper's own assumption in §3.3. A uniform step of b samples costs 3b.
 */
public final class Cost {
    public static final double FORWARD = 1.0;
    public static final double BACKWARD = 2.0;
    public static final double STEP = FORWARD + BACKWARD;

    private Cost() {
    }

    /** Units of one training step on {@code b} samples. */
    public static double step(int b) {
        return STEP * b;
    }
}
