package org.isrepro.reports.records;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.isrepro.records.CheckRecord;
import org.isrepro.records.Provenance;
import org.isrepro.records.RecordFiles;

/**
 * A reviewer sanity check ({@link CheckRecord}, documented in docs/reports.md) with the file it came from: free
 * text, tables and figures that the report renders generically.
 */
public record CheckFile(Path file, String id, String title, String description, String scale, Provenance provenance,
                        List<Table> tables, List<Figure> figures) {

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
        CheckRecord c = CheckRecord.read(file);
        List<Table> tables = new ArrayList<>();
        for (CheckRecord.Table t : c.tables()) {
            List<List<JsonNode>> rows = new ArrayList<>();
            for (List<Object> r : t.rows()) {
                rows.add(r.stream().map(v -> (JsonNode) RecordFiles.MAPPER.valueToTree(v)).toList());
            }
            tables.add(new Table(t.title(), t.columns(), List.copyOf(rows)));
        }
        List<Figure> figures = new ArrayList<>();
        for (CheckRecord.Figure f : c.figures()) {
            figures.add(new Figure(f.id(), f.title(), f.xLabel(), f.yLabel(), f.logY(), f.kind(), f.series().stream()
                    .map(s -> new Series(s.name(), doubles(s.x()), doubles(s.y()))).toList()));
        }
        return new CheckFile(file, c.id(), c.title(), c.description(), c.scale(), c.provenance(), List.copyOf(tables),
                List.copyOf(figures));
    }

    private static double[] doubles(List<Double> values) {
        return values.stream().mapToDouble(v -> v == null ? Double.NaN : v).toArray();
    }

    /** The first table holding all of the named columns. */
    public Optional<Table> tableWith(String... columns) {
        return tables.stream().filter(t -> List.of(columns).stream().allMatch(t.columns()::contains)).findFirst();
    }
}
