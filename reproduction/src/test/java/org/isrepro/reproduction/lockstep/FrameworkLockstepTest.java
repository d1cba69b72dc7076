package org.isrepro.reproduction.lockstep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.isrepro.core.testing.Tags;
import org.isrepro.records.CheckRecord;
import org.isrepro.records.RecordFiles;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.RunOptions;
import org.isrepro.reproduction.run.Runner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The framework check end to end at smoke scale (docs/framework.md): DL4J upper-bound runs of the §4.2 stand-in, the
 * §4.3 fine-tuning LeNet and the §4.4 LSTM export their steps, and the PyTorch twin (companion/isrepro_torch) takes
 * them again. Skipped, saying why, where Debian's python3 cannot import torch.
 */
@Tag(Tags.SMOKE)
class FrameworkLockstepTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path tmp;

    @Test
    void theTwinTakesTheExportedStepsWithTheSameLossesScoresAndMostUpdates() throws Exception {
        CheckRecord.Table table = steps(exportAndTwin("wrn-cifar10", Map.of(), 5, false));
        List<String> cols = table.columns();
        int failed = 0;
        for (List<Object> row : table.rows()) {
            failed += "fail".equals(row.get(cols.indexOf("pass"))) ? 1 : 0;
        }
        // A step fails when a ReLU input lies within float rounding of zero in one framework (docs/framework.md);
        // most steps have none.
        assertTrue(failed * 2 < table.rows().size(), failed + " of " + table.rows().size() + " steps differ: " + log());
    }

    /**
     * The §4.4 LSTM (Adam, clipping per parameter array, gate blocks in DL4J's order) has no kink: every step
     * agrees. Its smoke run stays below tau_th = 1.1 (tau is about 1.0001 at initialisation), so tau_th = 1 with an
     * unsmoothed tau switches importance sampling on from the second step. Its 10 steps are cheap: each is checked.
     */
    @Test
    void theTwinTakesTheLstmsExportedStepsAllWithinTheCriteria() throws Exception {
        CheckRecord check = exportAndTwin("lstm-permuted-mnist", Map.of("tauTh", 1.0, "aTau", 0.0), 1, false);
        // the protocol's clipping (§4.4, clip 1) reaches every layer, which the twin alone cannot see
        assertFalse(check.description().contains("Configuration:"), check.description());
        assertEveryStepPasses(steps(check));
    }

    /**
     * §4.3's stand-in: the LeNet fine-tuned from its pre-trained backbone. tau_th 1 and a_tau 0.5 switch importance
     * sampling on within the smoke budget (at tau_th 2 the smoke run never switches). Without batch normalisation
     * the twin agrees with DL4J at every step and over the whole run (docs/framework.md, "What it found").
     */
    @Test
    void theFineTuningTwinStartsFromTheBackboneAndTakesEveryStepAsDl4jDoes() throws Exception {
        Map<String, Object> set = Map.of("tauTh", 1.0, "aTau", 0.5);
        CheckRecord check = exportAndTwin("resnet50-mit67", set, 5, true);
        Path export = tmp.resolve("export");
        JsonNode init = RecordFiles.tree(export.resolve("meta.json")).get("initialisation");
        assertEquals("[\"5_W\"]", init.get("drawnFromSeed").toString(), "only the new head's weights are drawn");
        assertEveryStepPasses(steps(check));
        CheckRecord.Table free = check.tables().stream().filter(t -> t.title().startsWith("Free-running"))
                .findFirst().orElseThrow();
        List<Object> last = free.rows().get(free.rows().size() - 1);
        double distance = ((Number) last.get(free.columns().indexOf("param_distance"))).doubleValue();
        // measured 1e-8 (docs/framework.md): no kink flip, so the replay stays with DL4J
        assertTrue(distance < 1e-5, "the replay parted from DL4J's parameters by " + distance + ": " + free.rows());

        // the independent twin runs the exported §4.3 protocol with its own draws (a new head on the backbone); the
        // export's --set makes its record a variant, apart from records of the experiment's own protocol
        Process p = python(List.of("-m", "isrepro_torch.algorithm1", "--export", export.toString(), "--method",
                "upper-bound", "--seed", "1", "--out", tmp.resolve("twin-out").toString()));
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the independent twin did not finish in 10 minutes");
        assertEquals(0, p.exitValue(), () -> log());
        JsonNode run = RecordFiles.tree(tmp.resolve("twin-out").resolve("runs")
                .resolve("resnet50-mit67__upper-bound-setaTau=0.5tauTh=1.0__seed1__smoke__pytorch.json"));
        assertEquals("pytorch", run.get("provenance").get("framework").asText());
        assertEquals("completed", run.get("status").asText());
        assertEquals("set aTau=0.5,tauTh=1.0", run.get("variant").asText());
        assertTrue(run.get("summary").get("isIterations").asInt() > 0, "the exported tau_th 1 was not taken: " + run);
        // run again, as `make framework-twin` resumed: the finished record of the same export is kept, not redone
        Path record = tmp.resolve("twin-out").resolve("runs")
                .resolve("resnet50-mit67__upper-bound-setaTau=0.5tauTh=1.0__seed1__smoke__pytorch.json");
        byte[] first = java.nio.file.Files.readAllBytes(record);
        Process again = python(List.of("-m", "isrepro_torch.algorithm1", "--export", export.toString(), "--method",
                "upper-bound", "--seed", "1", "--out", tmp.resolve("twin-out").toString()));
        assertTrue(again.waitFor(10, TimeUnit.MINUTES), "the second twin run did not finish in 10 minutes");
        assertEquals(0, again.exitValue(), () -> log());
        org.junit.jupiter.api.Assertions.assertArrayEquals(first, java.nio.file.Files.readAllBytes(record),
                "the twin ran again over its finished record");
    }

    /**
     * Runs the experiment's smoke-scale upper-bound seed 0 with {@code set} as `isrepro run --set` would, exporting
     * it to {@code tmp/export} with a checkpoint every {@code every} steps of each kind, checks the export has both
     * kinds of step, then runs the twin over it (replaying the whole run too if {@code freeRunning}); returns its
     * check record, whose losses and scores it has checked against the criteria (the updates are each test's).
     */
    private CheckRecord exportAndTwin(String experiment, Map<String, Object> set, int every, boolean freeRunning)
            throws Exception {
        Path export = tmp.resolve("export");
        Experiment declared = Experiments.get(experiment, Scale.SMOKE);
        Experiment e = declared.withProtocol(declared.protocol().with(set));
        new Runner(RunOptions.defaults(tmp.resolve("out")).withProgressBar(false).exportingLockstep(export, every))
                .run(e, declared.method("upper-bound").withSet(set), 0);

        JsonNode manifest = RecordFiles.tree(export.resolve("manifest.json"));
        assertEquals("completed", manifest.get("status").asText());
        int steps = manifest.get("steps").asInt();
        assertEquals(steps, manifest.get("uniformSteps").asInt() + manifest.get("importanceSampledSteps").asInt());
        assertTrue(manifest.get("importanceSampledSteps").asInt() > 0, "the smoke run never sampled: " + manifest);
        long kinds = java.util.stream.StreamSupport.stream(manifest.get("checkpoints").spliterator(), false)
                .map(c -> c.get("importanceSampled").asBoolean()).distinct().count();
        assertEquals(2, kinds, "checkpoints of both kinds of step");

        Assumptions.assumeTrue(torchAvailable(), "python3-torch is not installed (make peer-setup installs Debian's"
                + " package): the PyTorch half of the framework check is skipped");
        Path record = tmp.resolve("checks").resolve("framework-lockstep.json");
        List<String> args = new java.util.ArrayList<>(List.of("-m", "isrepro_torch.lockstep", "--export",
                export.toString(), "--out", record.toString(), "--scale", "smoke"));
        if (!freeRunning) {
            args.add("--no-free-running");
        }
        Process p = python(args);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the twin did not finish in 10 minutes");
        assertEquals(0, p.exitValue(), () -> log());

        CheckRecord check = RecordFiles.read(record, CheckRecord.class, CheckRecord.SCHEMA);
        assertEquals("framework-lockstep", check.id());
        CheckRecord.Table table = steps(check);
        List<String> cols = table.columns();
        for (List<Object> row : table.rows()) {
            double lossRel = ((Number) row.get(cols.indexOf("loss_rel"))).doubleValue();
            assertTrue(lossRel <= 1e-4, "loss differs by " + lossRel + " at " + row);
            if (((Number) row.get(cols.indexOf("importance_sampled"))).intValue() == 1) {
                double rho = ((Number) row.get(cols.indexOf("scores_spearman"))).doubleValue();
                assertTrue(rho >= 0.999, "upper-bound scores' Spearman " + rho + " at " + row);
                assertEquals(1, ((Number) row.get(cols.indexOf("top_same"))).intValue(), "top sample at " + row);
            }
        }
        return check;
    }

    private static CheckRecord.Table steps(CheckRecord check) {
        return check.tables().stream().filter(t -> t.title().equals("One step at a time")).findFirst().orElseThrow();
    }

    private void assertEveryStepPasses(CheckRecord.Table table) {
        List<String> cols = table.columns();
        for (List<Object> row : table.rows()) {
            assertEquals("pass", row.get(cols.indexOf("pass")), () -> row + "\n" + log());
        }
    }

    /** Starts Debian's python3 on the companion package, its output going to twin.log. */
    private Process python(List<String> args) throws IOException {
        Path root = Path.of(System.getProperty("isrepro.root", "..")).toAbsolutePath().normalize();
        List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("twin.log").toFile());
        pb.environment().put("PYTHONPATH", root.resolve("companion").toString());
        return pb.start();
    }

    private static boolean torchAvailable() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0;
    }

    private String log() {
        try {
            return Files.readString(tmp.resolve("twin.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
