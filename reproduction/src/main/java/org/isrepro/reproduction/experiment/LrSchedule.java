package org.isrepro.reproduction.experiment;

import java.util.List;

/**
 * A step learning-rate schedule over the fraction of the budget consumed. §4.2's "divide by 5 after
 * 20k and 40k of 50k updates" becomes drops at 40% and 80% of the budget (docs/baselines.md §1), so a
 * faster method simply does more updates before each drop.
 */
public record LrSchedule(double initial, List<Drop> drops) {
    public record Drop(double fraction, double factor) {
        public Drop {
            if (!(fraction > 0 && fraction < 1) || !(factor > 0)) {
                throw new IllegalArgumentException("a drop needs 0 < fraction < 1 and factor > 0");
            }
        }
    }

    public LrSchedule {
        if (!(initial > 0) || Double.isInfinite(initial)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + initial);
        }
        drops = List.copyOf(drops);
    }

    public static LrSchedule constant(double lr) {
        return new LrSchedule(lr, List.of());
    }

    public double at(double progress) {
        double lr = initial;
        for (Drop d : drops) {
            if (progress >= d.fraction()) {
                lr *= d.factor();
            }
        }
        return lr;
    }
}
