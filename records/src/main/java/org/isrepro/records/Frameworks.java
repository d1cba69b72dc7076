package org.isrepro.records;

import java.util.Set;

/**
 * The frameworks that write result files ({@code provenance.framework}, docs/records.md): this project's DL4J runs and
 * an independent PyTorch twin of the same protocol. A reader keeps the frameworks apart: the twin's runs are never
 * part of a DL4J estimate, only compared with them (docs/statistics.md, "Framework agreement").
 */
public final class Frameworks {
    public static final String DL4J = "dl4j";
    public static final String PYTORCH = "pytorch";
    public static final Set<String> KNOWN = Set.of(DL4J, PYTORCH);

    private Frameworks() {
    }

    /** The framework a file states; DL4J when it states none (it was written before the field existed). */
    public static String of(Provenance p) {
        return p == null || p.framework() == null ? DL4J : p.framework();
    }
}
