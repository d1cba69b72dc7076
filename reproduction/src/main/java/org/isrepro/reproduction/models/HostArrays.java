package org.isrepro.reproduction.models;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Whether ND4J's arrays live in host memory, where {@link LayerNormKernel} and {@link LstmSequenceGradient} may read
 * and write their buffers from Java. On the CUDA backend an array's host buffer is a copy that ND4J synchronises
 * only around its own operations, so writes from Java would never reach the device: there the layers use ND4J
 * operations (docs/benchmarks.md, "Layer normalisation in plain loops").
 */
final class HostArrays {
    /** Decided when the class is first used, after ND4J has loaded its backend; the backend is fixed per process. */
    private static final boolean ON_HOST = "CpuBackend".equals(Nd4j.getBackend().getClass().getSimpleName());

    private HostArrays() {
    }

    /** True on ND4J's CPU backend ({@code CpuBackend}). */
    static boolean available() {
        return ON_HOST;
    }
}
