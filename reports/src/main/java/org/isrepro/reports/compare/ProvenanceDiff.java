package org.isrepro.reports.compare;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.isrepro.records.Ablation41Record;
import org.isrepro.records.BenchRatiosRecord;
import org.isrepro.records.CheckRecord;
import org.isrepro.records.RecordFiles;
import org.isrepro.records.RunRecord;
import org.isrepro.records.SchemaSpec;
import org.isrepro.reports.records.Json;
import org.isrepro.reports.records.Scale;

/**
 * Which provenance fields differ between the files behind one claim in two reports. Files are paired by their path
 * in the report (a run's file name is its identity: experiment, method, variant, seed, scale); every field of
 * {@code provenance}, whatever fields it has, is compared leaf by leaf (nested objects give dotted names, such as
 * {@code threads.ompNumThreads}); a field absent or null reads "unset". Each differing field is listed once with
 * its distinct changes, so that the runs of a claim give one line per field, not one per run.
 */
public final class ProvenanceDiff {

    /**
     * Fields that differ between any two runs and say nothing about the numbers: when a run started and finished,
     * how often it was resumed from its checkpoint (resuming gives the same record, docs/records.md), the machine's
     * name. Matched on a field's last name, at any depth.
     */
    public static final Set<String> NOISE = Set.of("startedAt", "finishedAt", "resumedCount", "hostname", "host");

    /** Values with more whitespace-separated words than this (CPU flags) are compared as sets of words. */
    static final int WORDS_AS_SET = 8;

    private static final Map<String, SchemaSpec> SCHEMAS = Map.of(RunRecord.SCHEMA.name(), RunRecord.SCHEMA,
            CheckRecord.SCHEMA.name(), CheckRecord.SCHEMA, Ablation41Record.SCHEMA.name(), Ablation41Record.SCHEMA,
            BenchRatiosRecord.SCHEMA.name(), BenchRatiosRecord.SCHEMA);

    /**
     * One differing field: its dotted name, each distinct change ("AMD EPYC → Intel Xeon") with how many paired
     * files show it, and how many files were paired.
     */
    public record Field(String name, Map<String, Integer> changes, int paired) {
        /** "cpu: AMD EPYC → Intel Xeon", with "(k of n files)" after a change that not every pair shows. */
        public String text() {
            List<String> parts = new ArrayList<>();
            changes.forEach((c, k) -> parts.add(c + (k < paired ? " (" + k + " of " + paired + " files)" : "")));
            return name + ": " + String.join("; ", parts);
        }
    }

    /** The comparison of one claim's files: how many were paired and the fields that differ, by name. */
    public record Result(List<String> currentFiles, List<String> referenceFiles, int paired, List<Field> fields) {
        /** What {@code make compare} prints, one line each, the first starting with {@code label}. */
        public List<String> lines(String label) {
            List<String> out = new ArrayList<>();
            if (paired == 0) {
                out.add(label + ": no file is in both reports (" + currentFiles.size() + " current, "
                        + referenceFiles.size() + " reference)");
            } else if (fields.isEmpty()) {
                out.add(label + ": no field differs across " + paired + " paired files (ignored: "
                        + String.join(", ", new TreeSet<>(NOISE)) + ")");
            } else {
                out.add(label + " differs (" + paired + " paired files, reference → current):");
                fields.forEach(f -> out.add("  " + f.text()));
            }
            return out;
        }
    }

    private ProvenanceDiff() {
    }

    /**
     * The files behind claim {@code claimId} (its {@code inputs} and {@code scale} as either report's
     * {@code claims.json} states them) compared between the two report directories.
     */
    public static Result forClaim(Path currentDir, Path referenceDir, String claimId) {
        JsonNode claim = claim(referenceDir, claimId);
        if (claim == null) {
            claim = claim(currentDir, claimId);
        }
        String inputs = claim == null ? null : claim.path("inputs").asText(null);
        String scale = claim == null ? null : claim.path("scale").asText(null);
        return of(currentDir, ClaimInputs.files(currentDir, inputs), referenceDir,
                ClaimInputs.files(referenceDir, inputs), scale);
    }

    /** Every result file that carries provenance, in either report. */
    static final String ALL_FILES = "runs/*.json, checks/*.json, ablation-4.1.json, benchmark-ratios.json";

    /** Every result file of the two reports, paired by path: what differs between the two runs as a whole. */
    public static Result all(Path currentDir, Path referenceDir) {
        return of(currentDir, ClaimInputs.files(currentDir, ALL_FILES), referenceDir,
                ClaimInputs.files(referenceDir, ALL_FILES), null);
    }

    private static JsonNode claim(Path dir, String id) {
        Path file = dir.resolve("claims.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        for (JsonNode c : Json.read(file).path("claims")) {
            if (id.equals(c.path("id").asText())) {
                return c;
            }
        }
        return null;
    }

    /**
     * Compares the provenance of the files (paths relative to their report, paired by path) between the two reports;
     * with {@code scale} a scale id, files that state another scale are left out.
     */
    public static Result of(Path currentDir, List<String> currentFiles, Path referenceDir, List<String> referenceFiles,
                            String scale) {
        Map<String, Map<String, Integer>> changes = new TreeMap<>();
        int paired = 0;
        for (String f : currentFiles) {
            if (!referenceFiles.contains(f)) {
                continue;
            }
            Map<String, String> cur = provenance(currentDir.resolve(f), scale);
            Map<String, String> ref = provenance(referenceDir.resolve(f), scale);
            if (cur == null || ref == null) {
                continue;
            }
            paired++;
            Set<String> names = new TreeSet<>(cur.keySet());
            names.addAll(ref.keySet());
            for (String name : names) {
                String a = ref.getOrDefault(name, UNSET);
                String b = cur.getOrDefault(name, UNSET);
                if (!a.equals(b)) {
                    changes.computeIfAbsent(name, k -> new LinkedHashMap<>()).merge(change(a, b), 1, Integer::sum);
                }
            }
        }
        List<Field> fields = new ArrayList<>();
        int n = paired;
        changes.forEach((name, c) -> fields.add(new Field(name, c, n)));
        return new Result(currentFiles, referenceFiles, paired, fields);
    }

    static final String UNSET = "unset";

    /** A claim's scale that names one (not "n/a" or "none"). */
    private static final Set<String> SCALES = Arrays.stream(Scale.values()).map(Scale::id)
            .collect(Collectors.toSet());

    /** "a → b"; for long word lists (CPU flags), the words only in b with +, only in a with −. */
    static String change(String a, String b) {
        String[] wa = a.trim().split("\\s+");
        String[] wb = b.trim().split("\\s+");
        if (wa.length <= WORDS_AS_SET && wb.length <= WORDS_AS_SET) {
            return a + " → " + b;
        }
        Set<String> sa = new TreeSet<>(List.of(wa));
        Set<String> sb = new TreeSet<>(List.of(wb));
        List<String> parts = new ArrayList<>();
        sb.stream().filter(w -> !sa.contains(w)).forEach(w -> parts.add("+" + w));
        sa.stream().filter(w -> !sb.contains(w)).forEach(w -> parts.add("−" + w));
        return parts.isEmpty() ? "the same words in another order" : String.join(" ", parts);
    }

    /**
     * The file's provenance flattened to dotted names, noise left out; null when the file cannot be read or states a
     * scale other than {@code scale}.
     */
    static Map<String, String> provenance(Path file, String scale) {
        JsonNode tree;
        try {
            tree = RecordFiles.tree(file);
            String schema = tree.path("schema").asText("");
            SchemaSpec spec = SCHEMAS.get(schema.contains("/") ? schema.substring(0, schema.lastIndexOf('/')) : schema);
            if (spec != null) {
                tree = RecordFiles.upgrade(tree, file, spec);
            }
        } catch (RuntimeException e) {
            // an unreadable file is the report's problem (listed there), not a provenance difference
            return null;
        }
        JsonNode p = tree.path("provenance");
        boolean otherScale = SCALES.contains(scale) && tree.path("scale").isTextual()
                && !scale.equals(tree.get("scale").asText());
        if (!p.isObject() || otherScale) {
            return null;
        }
        Map<String, String> out = new TreeMap<>();
        flatten("", p, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        node.fields().forEachRemaining(e -> {
            if (NOISE.contains(e.getKey())) {
                return;
            }
            String name = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(name + ".", v, out);
            } else if (v.isArray()) {
                List<String> words = new ArrayList<>();
                v.forEach(x -> words.add(x.isValueNode() ? x.asText() : x.toString()));
                out.put(name, String.join(" ", words));
            } else if (!v.isNull()) {
                out.put(name, v.asText());
            }
        });
    }
}
