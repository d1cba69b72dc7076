package org.isrepro.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A reviewer sanity check, {@code checks/<id>.json} (docs/reports.md): free text, tables and figures that the report
 * renders generically; a claim may read a table by its column names.
 *
 * @param scale the scale the check's claim is judged at (smoke, cpu or paper)
 */
@JsonPropertyOrder({"schema", "id", "title", "description", "scale", "provenance", "tables", "figures"})
public record CheckRecord(@JsonProperty(required = true) String schema, @JsonProperty(required = true) String id,
                          String title, String description, String scale, Provenance provenance, List<Table> tables,
                          List<Figure> figures) {

    /** Version 2: {@code provenance.threads.ompNumThreads}, as in run records. */
    public static final SchemaSpec SCHEMA = new SchemaSpec("isrepro.check", 2, Map.of(1, n -> {
        Provenance.liftThreadsFromV1(n);
        return n;
    }));

    public CheckRecord {
        tables = tables == null ? List.of() : List.copyOf(tables);
        figures = figures == null ? List.of() : List.copyOf(figures);
    }

    /** A table; a cell is a number, a text or null (a measurement that is not finite). */
    @JsonPropertyOrder({"title", "columns", "rows"})
    public record Table(String title, List<String> columns, List<List<Object>> rows) {
        public Table {
            columns = List.copyOf(columns);
            for (List<Object> r : rows) {
                if (r.size() != columns.size()) {
                    throw new IllegalArgumentException("table '" + title + "' has a row of " + r.size()
                            + " cells for " + columns.size() + " columns");
                }
            }
            rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
                    .toList();
        }
    }

    /** A figure: {@code kind} is {@code line} or {@code scatter}. */
    @JsonPropertyOrder({"id", "title", "xLabel", "yLabel", "logY", "kind", "series"})
    public record Figure(@JsonProperty(required = true) String id, String title, String xLabel, String yLabel,
                         boolean logY, String kind, List<Series> series) {
        public Figure {
            kind = kind == null ? "line" : kind;
            if (!kind.equals("line") && !kind.equals("scatter")) {
                throw new IllegalArgumentException("figure '" + id + "' has kind '" + kind
                        + "' (expected line or scatter)");
            }
            series = List.copyOf(series);
        }
    }

    /** One line or point cloud; a null coordinate is a value that was not finite. */
    @JsonPropertyOrder({"name", "x", "y"})
    public record Series(@JsonProperty(required = true) String name, List<Double> x, List<Double> y) {
        public Series {
            if (x.size() != y.size()) {
                throw new IllegalArgumentException("series '" + name + "' has " + x.size() + " x values and "
                        + y.size() + " y values");
            }
            x = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(x));
            y = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(y));
        }

        /** Non-finite values become null (JSON has no NaN). */
        public static Series of(String name, double[] x, double[] y) {
            return new Series(name, finite(x), finite(y));
        }

        private static List<Double> finite(double[] a) {
            List<Double> out = new java.util.ArrayList<>(a.length);
            for (double v : a) {
                out.add(RecordFiles.finite(v));
            }
            return out;
        }
    }

    public static CheckRecord read(Path file) {
        return RecordFiles.read(file, CheckRecord.class, SCHEMA);
    }

    /** Writes {@code <outDir>/checks/<id>.json} and returns its path. */
    public Path write(Path outDir) {
        Path file = outDir.resolve("checks").resolve(id + ".json");
        RecordFiles.write(file, this);
        return file;
    }
}
