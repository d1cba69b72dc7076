package org.isrepro.reproduction.experiment;

import java.util.Map;
import java.util.TreeMap;

/**
 * A method as an experiment runs it: its id, an optional variant label (e.g. "B=3b" in the appendix D
 * ablation), hyper-parameter overrides of the experiment's defaults, and a run's own overrides from
 * {@code isrepro run --set key=value} (empty unless given; docs/records.md, "set").
 */
public record MethodSpec(String method, String variant, Map<String, Object> overrides, Map<String, Object> set) {
    public MethodSpec {
        overrides = Map.copyOf(overrides);
        set = Map.copyOf(set);
    }

    public MethodSpec(String method, String variant, Map<String, Object> overrides) {
        this(method, variant, overrides, Map.of());
    }

    public static MethodSpec of(String method) {
        return new MethodSpec(method, null, Map.of());
    }

    /**
     * This spec with a run's {@code --set} overrides. The overrides become part of the variant ("set
     * presample=96,tauTh=2"), so that such a run has its own record and the report never pools it with the
     * declared method's runs.
     */
    public MethodSpec withSet(Map<String, Object> values) {
        MethodSpec s = new MethodSpec(method, variant, overrides, values);
        return s.set.isEmpty() ? s : new MethodSpec(method, (variant == null ? "" : variant + " ") + "set "
                + s.setText(), overrides, values);
    }

    /** The label used in file names and reports. */
    public String label() {
        return variant == null ? method : method + "[" + variant + "]";
    }

    /** The {@code --set} overrides as text, keys sorted ("presample=96,tauTh=2"); empty when there are none. */
    public String setText() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(set).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }
}
