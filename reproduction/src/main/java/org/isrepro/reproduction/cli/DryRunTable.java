package org.isrepro.reproduction.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code dry-run.md}: the measured size of every paper-scale experiment and method, from {@code dry-run.json}. */
final class DryRunTable {
    private DryRunTable() {
    }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> doc) {
        StringBuilder sb = new StringBuilder("# Paper scale, ").append(doc.get("label")).append("\n\n");
        if (!Boolean.TRUE.equals(doc.get("complete"))) {
            sb.append("**Incomplete**: a shard was stopped before its last experiment; the experiments below are those"
                    + " it finished.\n\n");
        }
        sb.append("Synthetic data in the real formats through the real loaders, full-size networks, the papers' b and B,"
                + " measured on this CPU (").append(doc.get("cores")).append(" cores). Claims are not judged. Step:"
                + " seconds per update of the method's own step (scoring, sampling and update) in the run; scoring:"
                + " one forward pass over B; uniform step: one forward and backward pass over b. Memory: peak JVM heap;"
                + " peak native memory (resident set less the JVM's committed heap and non-heap: a lower bound of"
                + " ND4J's buffers, which a GPU holds, plus the native libraries' pages, shown at the start in"
                + " brackets); peak resident set (an upper bound of those buffers: it also holds the heap). The load average of the shared machine is shown beside the times.\n\n");
        sb.append("| experiment | model | b | B | scoring B (s) | uniform step b (s) | heap (GiB) | native (GiB) |"
                + " resident (GiB) | load (1, 5, 15 min) |\n|---|---|---|---|---|---|---|---|---|---|\n");
        List<Map<String, Object>> experiments = (List<Map<String, Object>>) doc.get("experiments");
        for (Map<String, Object> e : experiments) {
            String nativeMemory = e.get("peakNativeBytes") == null ? "not measured" : String.format(Locale.ROOT,
                    "%.2f (%.2f)", gib(e.get("peakNativeBytes")), gib(e.get("nativeAtStartBytes")));
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %.2f | %.2f | %s | %.2f | %s |%n",
                    e.get("experiment"), e.get("model"), e.get("batchSize"), e.get("presample"),
                    num(e.get("scoringSeconds")), num(e.get("uniformStepSeconds")), gib(e.get("peakHeapBytes")),
                    nativeMemory, gib(e.get("peakResidentBytes")), e.get("loadAverageAfter")));
        }
        sb.append("\n| run | method | status | updates | step (s per update) | resumed |\n|---|---|---|---|---|---|\n");
        for (Map<String, Object> e : experiments) {
            for (Map<String, Object> r : (List<Map<String, Object>>) e.get("runs")) {
                Object sec = r.get("secondsPerIteration");
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", r.get("run"),
                        r.getOrDefault("method", ""), r.get("status"), r.getOrDefault("iterations", ""),
                        sec == null ? "" : String.format(Locale.ROOT, "%.2f", num(sec)),
                        r.get("resumed") == null ? "" : r.get("resumed")));
            }
        }
        return sb.toString();
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static double gib(Object o) {
        return num(o) / (1L << 30);
    }
}
