package org.isrepro.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code benchmark-ratios.json}, written by the benchmark module from JMH's output (docs/reports.md): the cost ratios
 * the paper's claims about scoring and sampling cost rest on (Katharopoulos &amp; Fleuret 2018, §1 and §3.3).
 *
 * @param jmh         how JMH measured (forks, iterations), when it finished and the machine's load then
 * @param generatedAt when the ratios were computed
 */
@JsonPropertyOrder({"schema", "provenance", "jmh", "generatedAt", "ratios"})
public record BenchRatiosRecord(@JsonProperty(required = true) String schema, Provenance provenance, Jmh jmh,
                                String generatedAt, @JsonProperty(required = true) List<Ratio> ratios) {

    /**
     * Version 2 carries the same provenance as every other file; version 1 mixed the JMH settings into it and named
     * the thread variable {@code nd4jThreads}, and is read by moving them.
     */
    public static final SchemaSpec SCHEMA = new SchemaSpec("isrepro.bench-ratios", 2,
            Map.of(1, BenchRatiosRecord::fromV1));

    public static final String FILE = "benchmark-ratios.json";

    public BenchRatiosRecord {
        ratios = List.copyOf(ratios);
    }

    @JsonPropertyOrder({"settings", "finishedAt", "loadAverage"})
    public record Jmh(String settings, String finishedAt, String loadAverage) {
    }

    /**
     * One ratio. {@code target} such as {@code ">= 10"} or {@code "<= 1.05"} also says which direction is better (no
     * target: lower is better); {@code met} is null without a target.
     */
    @JsonPropertyOrder({"id", "numerator", "denominator", "params", "value", "error", "target", "met", "note"})
    public record Ratio(@JsonProperty(required = true) String id, String numerator, String denominator,
                        Map<String, Object> params, @JsonProperty(required = true) double value, Double error,
                        String target, Boolean met, String note) {
        public Ratio {
            params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        }

        /** Parameters in a stable order, e.g. {@code model=lenet,presample=640}. */
        public String paramsText() {
            StringBuilder sb = new StringBuilder();
            params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
            return sb.toString();
        }

        /** True when a larger value is better (target starts with {@code >}); lower is better otherwise. */
        public boolean higherIsBetter() {
            return target != null && target.trim().startsWith(">");
        }
    }

    public List<Ratio> withId(String id) {
        return ratios.stream().filter(r -> r.id().equals(id)).toList();
    }

    public static BenchRatiosRecord read(Path file) {
        return RecordFiles.read(file, BenchRatiosRecord.class, SCHEMA);
    }

    public void write(Path file) {
        RecordFiles.write(file, this);
    }

    private static ObjectNode fromV1(ObjectNode n) {
        if (n.get("provenance") instanceof ObjectNode p) {
            ObjectNode jmh = n.putObject("jmh");
            jmh.set("settings", p.remove("jmh"));
            jmh.set("finishedAt", p.remove("jmhFinishedAt"));
            jmh.set("loadAverage", p.remove("loadAverage"));
            JsonNode generated = p.remove("generatedAt");
            if (generated != null) {
                n.set("generatedAt", generated);
            }
            JsonNode threads = p.remove("nd4jThreads");
            if (threads != null && threads.isTextual() && !threads.asText().startsWith("default")) {
                p.putObject("threads").put("ompNumThreads", threads.asText());
            }
        }
        return n;
    }
}
