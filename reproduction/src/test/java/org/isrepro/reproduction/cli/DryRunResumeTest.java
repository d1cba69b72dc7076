package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.isrepro.core.testing.Tags;
import org.isrepro.datasets.DryRun;
import org.isrepro.reproduction.run.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A dry run takes hours on a small machine, so {@code isrepro dry-run} resumes: run again into the same directory it
 * keeps what its dry-run.json measured and never mixes in a file of another dry run (README, "Dry run of the paper
 * scale"). No network trains here: the experiment asked for is the one already measured.
 */
@Tag(Tags.FAST)
class DryRunResumeTest {
    @TempDir
    Path out;

    @BeforeEach
    void dryRunMode() {
        System.setProperty(DryRun.PROPERTY, "1");
    }

    @AfterEach
    void realMode() {
        System.clearProperty(DryRun.PROPERTY);
    }

    private static Map<String, Object> measured(int iterations, List<Object> failed) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("experiment", "lstm-permuted-mnist");
        x.put("scoringSeconds", 19.5);
        x.put("peakResidentBytes", 1_400_000_000L);
        x.put("failed", failed);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", DryRunCmd.SCHEMA);
        doc.put("iterations", iterations);
        doc.put("shard", null);
        doc.put("methods", List.of("uniform"));
        doc.put("complete", false);
        doc.put("experiments", new ArrayList<>(List.of(x)));
        return doc;
    }

    private int dryRun() {
        return new CommandLine(new DryRunCmd()).execute("--out", out.toString(), "--methods", "uniform",
                "lstm-permuted-mnist");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExperimentMeasuredBeforeIsKeptAndNotRunAgain() {
        Json.writeAtomically(out.resolve(DryRunCmd.FILE), measured(1, List.of()));
        assertEquals(0, dryRun());
        Map<String, Object> doc = Json.read(out.resolve(DryRunCmd.FILE), Map.class);
        assertEquals(true, doc.get("complete"));
        List<Map<String, Object>> experiments = (List<Map<String, Object>>) doc.get("experiments");
        assertEquals(1, experiments.size());
        assertEquals(19.5, ((Number) experiments.get(0).get("scoringSeconds")).doubleValue());
        assertFalse(Files.exists(out.resolve("runs")), "nothing was trained");
    }

    @Test
    void aFileOfADryRunWithOtherIterationsIsAnErrorAndIsLeftAsItWas() throws Exception {
        Json.writeAtomically(out.resolve(DryRunCmd.FILE), measured(2, List.of()));
        String before = Files.readString(out.resolve(DryRunCmd.FILE));
        assertEquals(2, dryRun());
        assertEquals(before, Files.readString(out.resolve(DryRunCmd.FILE)));
    }
}
