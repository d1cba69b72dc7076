package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.run.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code isrepro run --set key=value} as a separate process: a bad key or a value the protocol refuses exits 2
 * before anything is trained and names the problem; a good one runs with the override, in a record of its own
 * that states it. One smoke run of the fine-tuning stand-in (about 40 s on 2 cores).
 */
@Tag(Tags.SMOKE)
class CliSetTest {
    @TempDir
    Path tmp;

    private CliProcess.Result run(Path out, String... set) {
        List<String> a = new java.util.ArrayList<>(List.of("run", "--no-progress", "--experiment", "resnet50-mit67",
                "--method", "upper-bound", "--seed", "0", "--scale", "smoke", "--out", out.toString()));
        for (String s : set) {
            a.addAll(List.of("--set", s));
        }
        return new CliProcess(tmp.resolve("logs")).isrepro(a.toArray(String[]::new));
    }

    private static void assertRefused(CliProcess.Result r, Path out, String... fragments) {
        assertEquals(2, r.exit(), r::toString);
        String m = r.message().toLowerCase(Locale.ROOT);
        for (String f : fragments) {
            assertTrue(m.contains(f.toLowerCase(Locale.ROOT)), () -> "message lacks '" + f + "': " + r);
        }
        assertTrue(CliProcess.files(out.resolve("runs")).isEmpty(), () -> "a record was written: " + r);
        assertTrue(CliProcess.files(out.resolve("checkpoints")).stream().noneMatch(p -> p.toString().endsWith(".ckpt")),
                () -> "something was trained: " + r);
    }

    @Test
    void aMisspeltKeyExits2NamingItAndTheKnownOnes() {
        Path out = tmp.resolve("out");
        assertRefused(run(out, "presampel=96"), out, "'presampel'", "presample", "tauTh", "chunkSize");
    }

    @Test
    void aPresampleBelowTheBatchSizeExits2WithTheProtocolsReason() {
        Path out = tmp.resolve("out");
        assertRefused(run(out, "presample=8"), out, "B must exceed the batch size b", "B=8, b=16");
    }

    @Test
    void aValueOfTheWrongTypeExits2() {
        Path out = tmp.resolve("out");
        assertRefused(run(out, "presample=many"), out, "presample", "integer", "'many'");
    }

    /**
     * tau_th = 1000 keeps importance sampling off for the whole run: the record must say so everywhere, including
     * when tau first exceeded tau_th (never), which the runner decides with the method's threshold.
     */
    @Test
    @SuppressWarnings("unchecked")
    void anOverrideRunsInARecordOfItsOwnThatStatesIt() {
        Path out = tmp.resolve("out");
        CliProcess.Result r = run(out, "presample=96", "tauTh=1000");
        assertEquals(0, r.exit(), r::toString);
        Path file = out.resolve("runs/resnet50-mit67__upper-bound-setpresample=96tauTh=1000__seed0__smoke.json");
        Map<String, Object> rec = Json.read(file, Map.class);
        Map<String, Object> config = (Map<String, Object>) rec.get("config");
        assertEquals(Map.of("presample", 96, "tauTh", 1000), config.get("set"));
        assertEquals("set presample=96,tauTh=1000", rec.get("variant"));
        assertEquals(96, config.get("presample"));
        assertEquals(1000.0, ((Number) config.get("tauTh")).doubleValue(), 0);
        Map<String, Object> params = (Map<String, Object>) config.get("methodParams");
        assertEquals(96, params.get("presample"));
        assertEquals(96, params.get("chunkSize"), "the chunk size follows B unless set");
        Map<String, Object> summary = (Map<String, Object>) rec.get("summary");
        assertEquals(0, ((Number) summary.get("isIterations")).intValue());
        assertNull(summary.get("firstTauAboveThIteration"), "tau never exceeded the threshold the run used");
        assertNull(summary.get("firstIsOnIteration"));
    }
}
