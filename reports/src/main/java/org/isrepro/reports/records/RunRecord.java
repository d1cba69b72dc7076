package org.isrepro.reports.records;

import java.nio.file.Path;
import java.util.List;
import org.isrepro.records.Frameworks;
import org.isrepro.records.Provenance;
import org.isrepro.records.RunConfig;
import org.isrepro.records.Summary;

/**
 * One run as the reports see it: the record as written ({@link org.isrepro.records.RunRecord}, docs/records.md), the
 * file it came from, its scale, and its evaluations as {@link Point}s with NaN for absent values.
 */
public record RunRecord(Path file, org.isrepro.records.RunRecord data, Scale scale, List<Point> series) {

    public static RunRecord read(Path file) {
        org.isrepro.records.RunRecord r = org.isrepro.records.RunRecord.read(file);
        Scale scale;
        try {
            scale = Scale.parse(r.scale());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return new RunRecord(file, r, scale, r.series().stream().map(Point::of).toList());
    }

    public String experiment() {
        return data.experiment();
    }

    public String method() {
        return data.method();
    }

    public String variant() {
        return data.variant();
    }

    public long seed() {
        return data.seed();
    }

    public String status() {
        return data.status();
    }

    public String standIn() {
        return data.standIn();
    }

    public RunConfig config() {
        return data.config() == null ? new RunConfig(java.util.Map.of()) : data.config();
    }

    /** Null when the record states none. */
    public Provenance provenance() {
        return data.provenance();
    }

    /** Which framework trained it ({@code provenance.framework}; DL4J when the record states none). */
    public String framework() {
        return Frameworks.of(data.provenance());
    }

    public Summary summary() {
        return data.summary();
    }

    public boolean completed() {
        return org.isrepro.records.RunRecord.COMPLETED.equals(status());
    }

    public boolean diverged() {
        return org.isrepro.records.RunRecord.DIVERGED.equals(status());
    }

    /** Method plus variant, e.g. {@code upper-bound B=3b}; the key curves are grouped by. */
    public String group() {
        return variant() == null || variant().isBlank() ? method() : method() + " " + variant();
    }

    public Point last() {
        return series.isEmpty() ? null : series.get(series.size() - 1);
    }

    /** The budget as text ("cost 1.0E7"), used to check that compared runs had the same one. */
    public String budget() {
        RunConfig.Budget b = config().budget();
        return b == null ? null : b.text();
    }
}
