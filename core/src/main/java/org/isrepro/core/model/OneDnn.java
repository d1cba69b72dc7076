package org.isrepro.core.model;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Lets DL4J's layers use oneDNN (convolution, pooling, batch normalisation) when ND4J's native build has it.
 * DL4J 1.0.0-M2.1 creates no layer helper unless the system property
 * {@code org.eclipse.deeplearning4j.helpers.disable} is {@code false} (its default is {@code true}), and it
 * finds oneDNN only through the bridge {@link org.nd4j.nativeblas.Nd4jCpu}. With both, the WRN stand-in's step
 * and forward pass no longer go through ND4J's im2col (docs/benchmarks.md, "oneDNN"). On a native build
 * without oneDNN (the generic one) or on CUDA nothing changes. {@code -Disrepro.onednn=false}, or setting
 * DL4J's property explicitly, keeps DL4J's own choice.
 *
 * <p>Must run before the first network is initialised: DL4J decides per layer when it builds the layer.
 */
public final class OneDnn {
    static final String DL4J_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    static final String SWITCH = "isrepro.onednn";

    private OneDnn() {
    }

    /** Enables the helpers unless the user chose otherwise; idempotent. */
    public static void enable() {
        if (System.getProperty(DL4J_DISABLE) == null
                && !"false".equalsIgnoreCase(System.getProperty(SWITCH, "true"))) {
            System.setProperty(DL4J_DISABLE, "false");
        }
    }

    /** Whether networks built from now on use oneDNN's layer implementations (for provenance). */
    public static boolean active() {
        if (Boolean.parseBoolean(System.getProperty(DL4J_DISABLE, "true"))) {
            return false;
        }
        String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend");
        return "CPU".equalsIgnoreCase(backend) && Nd4j.getEnvironment().helpersAllowed()
                && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
    }
}
