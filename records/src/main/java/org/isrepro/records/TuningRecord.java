package org.isrepro.records;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A hyper-parameter search, {@code tuning/<experiment>__<method>__<scale>.json}: each candidate of the experiment's
 * grid trained for a fraction of the budget with the first seed, and the one chosen on validation error (never on
 * test). A matrix reuses the choice while the grid is unchanged.
 *
 * @param criterion how the choice was made, in words
 * @param chosen    the overrides of the chosen candidate
 */
@JsonPropertyOrder({"schema", "experiment", "method", "scale", "criterion", "grid", "candidates", "chosen"})
public record TuningRecord(@JsonProperty(required = true) String schema,
                           @JsonProperty(required = true) String experiment,
                           @JsonProperty(required = true) String method, String scale, String criterion,
                           @JsonProperty(required = true) List<Map<String, Object>> grid,
                           List<Candidate> candidates, @JsonProperty(required = true) Map<String, Object> chosen) {

    public static final SchemaSpec SCHEMA = SchemaSpec.of("isrepro.tuning", 1);

    /**
     * One candidate: its overrides, how its run ended, its final validation error (null when it diverged) and the
     * file name of its run record.
     */
    @JsonPropertyOrder({"overrides", "status", "validationError", "record"})
    public record Candidate(Map<String, Object> overrides, String status, Double validationError, String record) {
    }

    public static TuningRecord read(Path file) {
        return RecordFiles.read(file, TuningRecord.class, SCHEMA);
    }

    public void write(Path file) {
        RecordFiles.write(file, this);
    }
}
