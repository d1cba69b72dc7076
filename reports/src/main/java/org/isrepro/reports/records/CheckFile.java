package org.isrepro.reports.records;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A reviewer sanity check ({@code checks/<id>.json}, schema {@code isrepro.check/1}, documented in
 * docs/reports.md): free text, tables and figures that the report renders generically.
 */
public record CheckFile(Path file, String id, String title, String description, String scale, JsonNode provenance,
                        List<Table> tables, List<Figure> figures) {

    public static final String SCHEMA = "isrepro.check/1";

    /** A table; cells are kept as JSON values (numbers or text). */
    public record Table(String title, List<String> columns, List<List<JsonNode>> rows) {

        public int column(String name) {
            return columns.indexOf(name);
        }
    }

    public record Series(String name, double[] x, double[] y) {
    }

    /** kind is {@code line} or {@code scatter}. */
    public record Figure(String id, String title, String xLabel, String yLabel, boolean logY, String kind,
                         List<Series> series) {
    }

    public static CheckFile read(Path file) {
        JsonNode n = Json.read(file);
        Json.requireSchema(n, SCHEMA, file);
        List<Table> tables = new ArrayList<>();
        for (JsonNode t : n.path("tables")) {
            List<String> cols = new ArrayList<>();
            t.path("columns").forEach(c -> cols.add(c.asText()));
            List<List<JsonNode>> rows = new ArrayList<>();
            for (JsonNode r : t.path("rows")) {
                List<JsonNode> row = new ArrayList<>();
                r.forEach(row::add);
                if (row.size() != cols.size()) {
                    throw new IllegalArgumentException(file + ": table '" + Json.str(t, "title") + "' has a row of "
                            + row.size() + " cells for " + cols.size() + " columns");
                }
                rows.add(List.copyOf(row));
            }
            tables.add(new Table(Json.str(t, "title"), List.copyOf(cols), List.copyOf(rows)));
        }
        List<Figure> figures = new ArrayList<>();
        for (JsonNode f : n.path("figures")) {
            List<Series> series = new ArrayList<>();
            for (JsonNode s : f.path("series")) {
                double[] x = Json.doubles(s.get("x"));
                double[] y = Json.doubles(s.get("y"));
                if (x.length != y.length) {
                    throw new IllegalArgumentException(file + ": series '" + Json.str(s, "name") + "' has "
                            + x.length + " x values and " + y.length + " y values");
                }
                series.add(new Series(Json.required(s, "name", file), x, y));
            }
            String kind = Optional.ofNullable(Json.str(f, "kind")).orElse("line");
            if (!kind.equals("line") && !kind.equals("scatter")) {
                throw new IllegalArgumentException(file + ": figure kind '" + kind + "' (expected line or scatter)");
            }
            figures.add(new Figure(Json.required(f, "id", file), Json.str(f, "title"), Json.str(f, "xLabel"),
                    Json.str(f, "yLabel"), f.path("logY").asBoolean(false), kind, List.copyOf(series)));
        }
        return new CheckFile(file, Json.required(n, "id", file), Json.str(n, "title"), Json.str(n, "description"),
                Json.str(n, "scale"), n.path("provenance"), List.copyOf(tables), List.copyOf(figures));
    }

    /** The first table holding all of the named columns. */
    public Optional<Table> tableWith(String... columns) {
        return tables.stream().filter(t -> List.of(columns).stream().allMatch(t.columns()::contains)).findFirst();
    }
}
