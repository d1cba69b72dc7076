package org.isrepro.reports.nightly;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import org.isrepro.reports.records.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code reports/baseline/nightly.json} (schema {@code isrepro.nightly-baseline/1}): the accepted
 * numbers and their relative tolerances. An empty {@code entries} list means "not filled yet": every
 * current number is new and nothing can regress.
 */
@JsonPropertyOrder({"schema", "note", "updatedAt", "entries"})
public record Baseline(String schema, String note, String updatedAt, List<Metric> entries) {
    public static final String SCHEMA = "isrepro.nightly-baseline/1";

    public static Baseline read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no nightly baseline at " + file + "; run `make nightly UPDATE_BASELINE=1` "
                    + "once on the reference machine to create it");
        }
        JsonNode n = Json.read(file);
        Json.requireSchema(n, SCHEMA, file);
        List<Metric> entries = new ArrayList<>();
        for (JsonNode e : n.path("entries")) {
            String kind = Json.required(e, "kind", file);
            Object value;
            if (kind.equals(Metric.VERDICT)) {
                value = Json.required(e, "value", file);
            } else if (kind.equals(Metric.RATIO)) {
                value = Json.num(e, "value");
                if (!e.has("better")) {
                    throw new IllegalArgumentException(file + ": ratio '" + Json.str(e, "key") + "' has no 'better'");
                }
            } else {
                throw new IllegalArgumentException(file + ": unknown kind '" + kind + "' (verdict or ratio)");
            }
            double tol = Json.num(e, "tolerance");
            double lo = Json.num(e, "lo");
            double hi = Json.num(e, "hi");
            entries.add(new Metric(Json.required(e, "key", file), kind, value, Double.isNaN(lo) ? null : lo,
                    Double.isNaN(hi) ? null : hi, Json.str(e, "better"), Double.isNaN(tol) ? null : tol,
                    Json.str(e, "note")));
        }
        return new Baseline(Json.str(n, "schema"), Json.str(n, "note"), Json.str(n, "updatedAt"), List.copyOf(entries));
    }

    public void write(Path file) {
        Json.write(file, this);
    }
}
