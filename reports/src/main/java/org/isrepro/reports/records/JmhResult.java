package org.isrepro.reports.records;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One entry of standard JMH {@code -rf json} output ({@code jmh.json}). */
public record JmhResult(String benchmark, String mode, Map<String, String> params, double score, double scoreError,
                        String scoreUnit) {

    public static List<JmhResult> read(Path file) {
        JsonNode n = Json.read(file);
        if (!n.isArray()) {
            throw new IllegalArgumentException(file + ": expected the JSON array written by JMH -rf json");
        }
        List<JmhResult> out = new ArrayList<>();
        for (JsonNode b : n) {
            Map<String, String> params = new TreeMap<>();
            b.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode pm = b.path("primaryMetric");
            out.add(new JmhResult(Json.required(b, "benchmark", file), Json.str(b, "mode"), params,
                    Json.num(pm, "score"), Json.num(pm, "scoreError"), Json.str(pm, "scoreUnit")));
        }
        return List.copyOf(out);
    }

    /** Short label: the method name after the last dot, then the parameters. */
    public String label() {
        String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        String cls = benchmark.contains(".") ? benchmark.substring(0, benchmark.lastIndexOf('.')) : "";
        cls = cls.substring(cls.lastIndexOf('.') + 1);
        StringBuilder sb = new StringBuilder(cls.isEmpty() ? name : cls + "." + name);
        params.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }
}
