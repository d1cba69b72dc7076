package org.isrepro.core.model;

import java.util.List;
import org.bytedeco.javacpp.Pointer;

/**
 * The native settings every network of the harness trains and scores with; {@link #apply()} must run before
 * ND4J (and so JavaCPP) is first used, which is why the command-line entry points call it from their static
 * initialisers.
 * <ul>
 *   <li>DL4J's oneDNN layer helpers ({@link OneDnn#enable()}).</li>
 *   <li>JavaCPP's physical-memory check off: with {@code org.bytedeco.javacpp.maxPhysicalBytes} above zero,
 *   JavaCPP reads {@code /proc/self/statm} each time a native buffer is registered, which ND4J does for
 *   every temporary array. docs/benchmarks.md ("Where the floor is") measured 6-9% of the
 *   WRN stand-in's step and 15-20% of the LSTM's spent there. The heap-relative limit
 *   {@code org.bytedeco.javacpp.maxBytes} still holds, so native memory stays bounded; results do not change.
 *   A value the user sets on the command line is kept.</li>
 * </ul>
 */
public final class NativeDefaults {
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    /** The system properties behind these settings, which a process starting others passes on. */
    public static final List<String> PROPERTIES = List.of(OneDnn.SWITCH, OneDnn.DL4J_DISABLE,
            MAX_PHYSICAL_BYTES);

    private NativeDefaults() {
    }

    /** Applies both settings unless the user chose otherwise; idempotent. */
    public static void apply() {
        OneDnn.enable();
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }

    /**
     * Whether this JVM's JavaCPP skips the physical-memory check: false when JavaCPP was loaded before
     * {@link #apply()} ran or the user set a limit. Loads JavaCPP.
     */
    public static boolean physicalMemoryCheckOff() {
        return Pointer.maxPhysicalBytes() <= 0;
    }
}
