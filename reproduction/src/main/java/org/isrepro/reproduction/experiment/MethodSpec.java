package org.isrepro.reproduction.experiment;

import java.util.Map;

/**
 * A method as an experiment runs it: its id, an optional variant label (e.g. "B=3b" in the appendix D
 * ablation) and hyper-parameter overrides of the experiment's defaults.
 */
public record MethodSpec(String method, String variant, Map<String, Object> overrides) {
    public MethodSpec {
        overrides = Map.copyOf(overrides);
    }

    public static MethodSpec of(String method) {
        return new MethodSpec(method, null, Map.of());
    }

    /** The label used in file names and reports. */
    public String label() {
        return variant == null ? method : method + "[" + variant + "]";
    }
}
