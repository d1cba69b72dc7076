package org.isrepro.reports.records;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One run: an experiment at a scale, one method (optionally a variant such as {@code "B=3b"}), one
 * seed. Schema {@code isrepro.run/1} in docs/records.md.
 */
public record RunRecord(Path file, String experiment, String method, String variant, long seed, Scale scale,
                        String status, String standIn, JsonNode config, JsonNode provenance, List<Point> series,
                        JsonNode summary) {

    public static final String SCHEMA = "isrepro.run/1";

    public static RunRecord read(Path file) {
        JsonNode n = Json.read(file);
        Json.requireSchema(n, SCHEMA, file);
        JsonNode s = n.get("series");
        if (s == null || !s.isArray()) {
            throw new IllegalArgumentException(file + ": missing 'series' array");
        }
        List<Point> points = new ArrayList<>();
        s.forEach(p -> points.add(Point.of(p)));
        JsonNode seed = n.get("seed");
        if (seed == null || !seed.canConvertToLong()) {
            throw new IllegalArgumentException(file + ": missing integer 'seed'");
        }
        Scale scale;
        try {
            scale = Scale.parse(Json.str(n, "scale"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return new RunRecord(file, Json.required(n, "experiment", file), Json.required(n, "method", file),
                Json.str(n, "variant"), seed.asLong(), scale, Json.required(n, "status", file), Json.str(n, "standIn"),
                n.path("config"), n.path("provenance"), List.copyOf(points), n.path("summary"));
    }

    public boolean completed() {
        return "completed".equals(status);
    }

    public boolean diverged() {
        return "diverged".equals(status);
    }

    /** Method plus variant, e.g. {@code upper-bound B=3b}; the key curves are grouped by. */
    public String group() {
        return variant == null || variant.isBlank() ? method : method + " " + variant;
    }

    public Point last() {
        return series.isEmpty() ? null : series.get(series.size() - 1);
    }

    public double configNum(String field) {
        return Json.num(config, field);
    }

    /** The budget as text ("cost 1.0E7"), used to check that compared runs had the same one. */
    public String budget() {
        JsonNode b = config.path("budget");
        if (b.isMissingNode() || b.isNull()) {
            return null;
        }
        return Objects.toString(Json.str(b, "unit")) + " " + Json.num(b, "amount");
    }
}
