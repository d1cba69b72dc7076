package org.isrepro.reproduction.checks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.isrepro.records.CheckRecord;
import org.isrepro.records.RecordFiles;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Provenance;

/** Collects the tables and figures of one reviewer check and writes it as a {@link CheckRecord} under {@code <out>/checks/}. */
final class CheckFiles {
    private final String id;
    private final String title;
    private final String description;
    private final String scale;
    private final org.isrepro.records.Provenance provenance;
    private final List<CheckRecord.Table> tables = new ArrayList<>();
    private final List<CheckRecord.Figure> figures = new ArrayList<>();

    CheckFiles(String id, String title, String description, Scale scale, Map<String, String> checksums) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.scale = scale.id();
        this.provenance = Provenance.collect(checksums);
    }

    void table(String title, List<String> columns, List<List<Object>> rows) {
        tables.add(new CheckRecord.Table(title, columns, rows));
    }

    void figure(String id, String title, String xLabel, String yLabel, boolean logY, String kind,
                List<CheckRecord.Series> series) {
        figures.add(new CheckRecord.Figure(id, title, xLabel, yLabel, logY, kind, series));
    }

    static CheckRecord.Series series(String name, double[] x, double[] y) {
        return CheckRecord.Series.of(name, x, y);
    }

    /** JSON has no NaN: cells that are not finite become null. */
    static Object cell(double v) {
        return RecordFiles.finite(v);
    }

    Path write(Path outDir) {
        return new CheckRecord(CheckRecord.SCHEMA.id(), id, title, description, scale, provenance, tables, figures)
                .write(outDir);
    }
}
