package org.isrepro.reports.records;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code benchmark-ratios.json} from the benchmark module (schema {@code isrepro.bench-ratios/1}).
 * A target such as {@code "<= 1.05"} or {@code ">= 10"} also says which direction is better.
 */
public record BenchRatios(Path file, JsonNode provenance, List<Ratio> ratios) {

    public static final String SCHEMA = "isrepro.bench-ratios/1";

    public record Ratio(String id, String numerator, String denominator, Map<String, String> params, double value,
                        String target, Boolean met, String note) {

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

    public static BenchRatios read(Path file) {
        JsonNode n = Json.read(file);
        Json.requireSchema(n, SCHEMA, file);
        List<Ratio> out = new ArrayList<>();
        for (JsonNode r : n.path("ratios")) {
            Map<String, String> params = new TreeMap<>();
            r.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode met = r.get("met");
            out.add(new Ratio(Json.required(r, "id", file), Json.str(r, "numerator"), Json.str(r, "denominator"),
                    params, Json.num(r, "value"), Json.str(r, "target"),
                    met == null || met.isNull() ? null : met.asBoolean(), Json.str(r, "note")));
        }
        return new BenchRatios(file, n.path("provenance"), List.copyOf(out));
    }

    public List<Ratio> withId(String id) {
        return ratios.stream().filter(r -> r.id().equals(id)).toList();
    }
}
