package org.isrepro.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run, {@code runs/<experiment>__<method>__seed<N>__<scale>.json}: an experiment at a scale, one method
 * (optionally a variant such as {@code B=3b}), one seed; its configuration, provenance, evaluations and totals
 * (docs/records.md).
 *
 * @param variant  distinguishes runs of one method (part of a run's identity); null for most runs
 * @param status   {@link #COMPLETED} or {@link #DIVERGED}
 * @param standIn  what this scale runs in place of the paper's setting; null at paper scale
 */
@JsonPropertyOrder({"schema", "experiment", "method", "variant", "seed", "scale", "status", "standIn", "config",
        "provenance", "series", "summary"})
public record RunRecord(@JsonProperty(required = true) String schema,
                        @JsonProperty(required = true) String experiment,
                        @JsonProperty(required = true) String method, String variant,
                        @JsonProperty(required = true) long seed, @JsonProperty(required = true) String scale,
                        @JsonProperty(required = true) String status, String standIn, RunConfig config,
                        Provenance provenance, @JsonProperty(required = true) List<SeriesPoint> series,
                        @JsonProperty(required = true) Summary summary) {

    public static final String COMPLETED = "completed";
    public static final String DIVERGED = "diverged";

    /**
     * Version 2 renamed {@code provenance.threads.OMP_NUM_THREADS} to {@code ompNumThreads} (one naming convention);
     * version 1 files, such as the committed reference run, are read by renaming it.
     */
    public static final SchemaSpec SCHEMA = new SchemaSpec("isrepro.run", 2, Map.of(1, n -> {
        Provenance.liftThreadsFromV1(n);
        return n;
    }));

    public RunRecord {
        if (!List.of(COMPLETED, DIVERGED).contains(status)) {
            throw new IllegalArgumentException("status '" + status + "' (expected " + COMPLETED + " or " + DIVERGED
                    + ")");
        }
        series = List.copyOf(series);
    }

    public static RunRecord read(Path file) {
        return RecordFiles.read(file, RunRecord.class, SCHEMA);
    }

    public void write(Path file) {
        RecordFiles.write(file, this);
    }
}
