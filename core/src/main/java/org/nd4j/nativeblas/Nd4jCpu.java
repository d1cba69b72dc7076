package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * The class DL4J 1.0.0-M2.1's oneDNN layer helpers look up to ask whether ND4J's native build has oneDNN
 * ({@code BaseMKLDNNHelper.mklDnnEnabled} reflects on {@code org.nd4j.nativeblas.Nd4jCpu$Environment
 * .isUseMKLDNN}). ND4J M2.1 moved that class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and
 * renamed the method {@code isUseONEDNN}, so without this bridge the lookup fails, DL4J silently disables
 * every oneDNN helper and convolutions fall back to its im2col + GEMM path (docs/benchmarks.md, "oneDNN").
 * Only DL4J calls it, and only on the CPU backend; it answers with the native build's own flag.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** Mirrors the one method DL4J calls on the old class. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** Whether the loaded libnd4jcpu was built with oneDNN and uses it (false when it cannot say). */
        public boolean isUseMKLDNN() {
            try {
                Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object instance = env.getMethod("getInstance").invoke(null);
                Method use = env.getMethod("isUseONEDNN");
                return (Boolean) use.invoke(instance);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
