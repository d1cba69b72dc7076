package org.isrepro.reproduction.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.ModelFactory;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The §4.2 WRN is layer-normalised unless a run sets {@code norm=batch}, and its record's model says which. */
@Tag("fast")
class WrnNormalisationTest {

    @Test
    void theWrnIsLayerNormalisedByDefaultAndBatchNormalisedOnRequest() {
        for (Scale scale : Scale.values()) {
            Experiment e = Experiments.get("wrn-cifar10", scale);
            ModelFactory f = e.network().factory();
            String declared = e.network().description();
            assertEquals(declared, f.describe(declared, Map.of()), scale.name());
            assertTrue(declared.endsWith(", layer normalisation"), declared);
            assertTrue(f.describe(declared, Map.of("norm", "batch")).endsWith(", batch normalisation"));
            assertTrue(f.params().contains("norm"));
        }
    }

    @Test
    void normIsAParameterOfTheWrnMethodsAndABadValueFailsNamingTheChoices() {
        Experiment e = Experiments.get("wrn-cifar10", Scale.SMOKE);
        Methods.create(e, e.method("upper-bound").withSet(Map.of("norm", "batch")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> e.network().factory()
                .describe(e.network().description(), Map.of("norm", "group")));
        assertTrue(bad.getMessage().contains("layer, batch"), bad.getMessage());
    }
}
