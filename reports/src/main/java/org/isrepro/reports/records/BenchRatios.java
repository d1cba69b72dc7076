package org.isrepro.reports.records;

import java.nio.file.Path;
import java.util.List;
import org.isrepro.records.BenchRatiosRecord;
import org.isrepro.records.Provenance;

/** {@code benchmark-ratios.json} ({@link BenchRatiosRecord}) with the file it came from. */
public record BenchRatios(Path file, Provenance provenance, List<BenchRatiosRecord.Ratio> ratios) {

    public static BenchRatios read(Path file) {
        BenchRatiosRecord r = BenchRatiosRecord.read(file);
        return new BenchRatios(file, r.provenance(), r.ratios());
    }

    public List<BenchRatiosRecord.Ratio> withId(String id) {
        return ratios.stream().filter(r -> r.id().equals(id)).toList();
    }
}
