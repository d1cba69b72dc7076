package org.isrepro.reproduction.models;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Whether ND4J's arrays live in host memory, where {@link LayerNormKernel} and {@link LstmSequenceGradient} may read
 * and write their buffers from Java. On the CUDA backend an array's host buffer is a copy that ND4J synchronises
 * only around its own operations, so writes from Java would never reach the device: there the layers use ND4J
 * operations (docs/benchmarks.md, "Layer normalisation in plain loops").
 */
final class HostArrays {
    private static volatile Boolean onHost;

    private HostArrays() {
    }

    /** True on ND4J's CPU backend ({@code CpuBackend}). */
    static boolean available() {
        Boolean known = onHost;
        if (known == null) {
            known = "CpuBackend".equals(Nd4j.getBackend().getClass().getSimpleName());
            onHost = known;
        }
        return known;
    }
}
