package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.isrepro.records.RunConfig;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No dead reads: every configuration key the reports read ({@link RunConfig#READ}) is written by every experiment at
 * every scale, with a value. (The other fields the reports read are components of the record types, which the
 * writers construct in full.)
 */
@Tag("fast")
class ReadKeysAreWrittenTest {
    @Test
    void everyConfigKeyTheReportsReadIsInEveryExperimentsConfig() {
        List<String> missing = new ArrayList<>();
        for (String id : Experiments.ids()) {
            for (Scale s : Scale.values()) {
                Map<String, Object> config = Experiments.get(id, s).describe();
                for (String key : RunConfig.READ) {
                    if (config.get(key) == null) {
                        missing.add(id + "@" + s.id() + ": " + key);
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
