package org.isrepro.core.method;

import java.util.SplittableRandom;

/**
 * What the runner gives a step: the iteration number, the learning rate its schedule prescribes and a
 * random stream derived from (run seed, iteration) so that a resumed run draws the same samples.
 */
public record StepContext(long iteration, double learningRate, SplittableRandom random) {
}
