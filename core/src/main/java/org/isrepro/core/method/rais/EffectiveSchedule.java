package org.isrepro.core.method.rais;

/**
 * lr_sched(t̂): the learning-rate schedule tuned for plain SGD, evaluated at an effective iteration t̂
 * (spec §4, [P]: η^(t) = r^(t) · lr_sched(t̂^(t))). The experiment adapts its own schedule to this
 * (docs/rais.md: t̂ / T as the fraction of the budget, T = the uniform iteration budget).
 */
@FunctionalInterface
public interface EffectiveSchedule {
    double at(double effectiveIteration);

    static EffectiveSchedule constant(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + lr);
        }
        return t -> lr;
    }
}
