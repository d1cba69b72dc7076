package org.isrepro.reproduction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.ExperimentData;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The configuration a run states is the one the committed cpu reference run stated (README, "The cpu reference
 * run"): every one of its records still counts as finished with the same configuration, so a matrix over it
 * re-runs nothing. Loads the cpu data of §4.2-4.4; trains nothing.
 */
@Tag(Tags.SMOKE)
class RecordConfigTest {
    private static final Path REFERENCE = Path.of(System.getProperty("isrepro.root", ".."), "reports", "reference",
            "cpu");

    @Test
    void theCommittedCpuRecordsAreFinishedRunsOfTheSameConfiguration() {
        assertTrue(Files.isDirectory(REFERENCE.resolve("runs")), REFERENCE + " is missing");
        Runner runner = new Runner(RunOptions.defaults(REFERENCE).withProgressBar(false));
        List<String> checked = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        // The §4.2 and §4.4 stand-ins were resized for the regime (docs/statistics.md, "Sizing") after the committed
        // run: their records are of the previous stand-ins until the next reference run replaces them.
        for (String id : List.of("resnet50-mit67")) {
            Experiment e = Experiments.get(id, Scale.CPU);
            ExperimentData data = e.data().get();
            for (String method : List.of("uniform", "loss", "upper-bound")) {
                MethodSpec spec = e.method(method);
                for (int seed : e.seeds()) {
                    if (Files.exists(runner.recordPath(e, spec, seed))) {
                        checked.add(Runner.runName(e, spec, seed));
                        if (!runner.hasFinishedRecord(e, data, spec, seed)) {
                            differing.add(Runner.runName(e, spec, seed));
                        }
                    }
                }
            }
        }
        assertEquals(9, checked.size(), "the reference run has 9 records of the §4.3 stand-in: " + checked);
        assertEquals(List.of(), differing);
    }

    @Test
    void aRunsOverrideMakesAnotherConfiguration() {
        Experiment e = Experiments.get("wrn-cifar10", Scale.SMOKE);
        MethodSpec declared = e.method("upper-bound");
        MethodSpec set = declared.withSet(java.util.Map.of("presample", 96));
        assertFalse(Runner.runName(e, declared, 0).equals(Runner.runName(e, set, 0)), "its own record");
        assertEquals("upper-bound[set presample=96]", set.label());
    }
}
