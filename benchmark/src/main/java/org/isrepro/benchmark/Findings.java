package org.isrepro.benchmark;

import java.util.Optional;

/**
 * What profiling found (docs/benchmarks.md, "Profiling"), so that a missed target in benchmark-ratios.json
 * says why. Written by hand from measurements (minimum of repeated timings of the parts, one ND4J thread,
 * 2 shared cores), not generated; update it when the code or the findings change.
 */
final class Findings {
    private Findings() {
    }

    static Optional<String> note(String ratioId, String model, boolean met) {
        if (met) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (ratioId) {
            case "upper-bound/forward" -> "Profiling (minimum of repeated timings) found no structural overhead:"
                    + " upper bound / forward was 0.98 (lenet), 1.04 (mlp), about 1.0 (wrn, where chunks of 640, 128"
                    + " and 64 were within noise of each other) and 0.8-1.07 (lstm). The scoring pass adds a copy of"
                    + " the input and of z and per-sample losses it does not need (about 0.4 ms at B=640, which only"
                    + " shows on the mlp). A miss of this size is within the run's error: see the JMH error bars, with"
                    + " other jobs on the 2 cores a single iteration can vary by 2x";
            case "gradient-norm/upper-bound" -> "Structural on a CPU: batching buys convolutions little on one core,"
                    + " so batch-size-1 backprop costs about 3 forward passes (the cost clock's forward + backward)"
                    + " times a small per-call overhead, not the GPU's order of magnitude. Only a slower exact scorer"
                    + " would meet the target, so nothing was changed. The WRN also has batch normalisation, which"
                    + " batch-size-1 backprop in training mode normalises with one sample's statistics";
            case "is-iteration/(forward+uniform-step)" -> "Profiling the mlp by parts (minimum of 15, one thread):"
                    + " forward of 640 10.4 ms, scoring 640 0.4-0.6 ms more, step of 128 11-12 ms, iteration 23 ms,"
                    + " i.e. 1.03-1.06x. The fixed extras (gathering B rows 0.2-1 ms, the input and z copies of the"
                    + " scoring pass, alias sampling 10 us, tau 0.1 us) are about 1 ms: 5% of an mlp iteration, under"
                    + " 1% of the convolutional and recurrent ones. Beyond that the miss is noise from other jobs";
            case "sampling/forward" -> "Building the alias table is O(B) and each draw O(1); a miss means the forward"
                    + " pass is exceptionally cheap (a tiny model), not that sampling is slow";
            case "sampling-cumulative/sampling-alias" -> "Both samplers build in O(B) and the b draws are a small"
                    + " part; at small B the binary search's O(b log B) draws can beat the alias table's second pass."
                    + " Either costs well under 1% of a forward pass";
            case "gradient-norm/goodfellow" -> "The Goodfellow pass does B-sized matrix products; for tiny B its"
                    + " fixed per-call cost can exceed B batch-size-1 passes";
            default -> null;
        });
    }
}
