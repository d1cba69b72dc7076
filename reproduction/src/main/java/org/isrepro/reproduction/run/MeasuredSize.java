package org.isrepro.reproduction.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The peak memory of each paper-scale experiment as `make dry-run` measured it ({@code dry-run.json}, README "Dry run
 * of the paper scale"): the peak resident set ({@link MemoryPeaks}), an upper bound of what a GPU holds in device
 * memory, and the JVM heap, which stays on the host. Read by {@code isrepro plan} to show memory beside GPU-hours.
 */
public record MeasuredSize(Path file, String label, Map<String, Peak> byExperiment) {
    /**
     * Peak bytes of one experiment: the resident set (an upper bound of what a device holds: it also counts the JVM
     * heap and the native libraries, MemoryPeaks) and the JVM heap (which stays on the host).
     */
    public record Peak(long residentBytes, long heapBytes) {
    }

    /** The measurements in {@code file}, or empty when it does not exist; a file of another kind fails. */
    @SuppressWarnings("unchecked")
    public static Optional<MeasuredSize> read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Map<String, Object> doc = Json.read(file, Map.class);
        if (!"isrepro.dry-run/1".equals(doc.get("schema"))) {
            throw new IllegalArgumentException(file + " is not a dry-run measurement (schema isrepro.dry-run/1)");
        }
        Map<String, Peak> peaks = new LinkedHashMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) doc.get("experiments")) {
            if (e.get("peakResidentBytes") instanceof Number n) {
                peaks.put((String) e.get("experiment"), new Peak(n.longValue(),
                        ((Number) e.get("peakHeapBytes")).longValue()));
            }
        }
        return Optional.of(new MeasuredSize(file, (String) doc.get("label"), Map.copyOf(peaks)));
    }
}
