package org.isrepro.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a writer writes, a reader reads back equal; a file of another, unknown or newer schema fails naming itself. */
@Tag("fast")
class RoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void runRecordReadsBackEqual() {
        Path f = tmp.resolve("run.json");
        Samples.run().write(f);
        assertEquals(Samples.run(), RunRecord.read(f));
    }

    @Test
    void checkRecordReadsBackEqual() {
        Path f = Samples.check().write(tmp);
        assertEquals(tmp.resolve("checks/tau-equivalence.json"), f);
        assertEquals(Samples.check(), CheckRecord.read(f));
    }

    @Test
    void ablationReadsBackEqual() {
        Path f = Samples.ablation().write(tmp);
        assertEquals(Samples.ablation(), Ablation41Record.read(f));
    }

    @Test
    void benchRatiosReadBackEqual() {
        Path f = tmp.resolve(BenchRatiosRecord.FILE);
        Samples.ratios().write(f);
        assertEquals(Samples.ratios(), BenchRatiosRecord.read(f));
    }

    @Test
    void tuningRecordReadsBackEqual() {
        Path f = tmp.resolve("tuning.json");
        Samples.tuning().write(f);
        assertEquals(Samples.tuning(), TuningRecord.read(f));
    }

    @Test
    void configKeepsTheWritersKeyOrder() throws Exception {
        Path f = tmp.resolve("run.json");
        Samples.run().write(f);
        String text = Files.readString(f);
        assertTrue(text.indexOf("\"paperSetting\"") < text.indexOf("\"model\"")
                && text.indexOf("\"model\"") < text.indexOf("\"batchSize\""), text);
    }

    @Test
    void newerSchemaFailsNamingTheFile() throws Exception {
        Path f = tmp.resolve("future.json");
        Files.writeString(f, "{\"schema\": \"isrepro.run/3\", \"experiment\": \"x\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunRecord.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void unknownSchemaFailsNamingTheFile() throws Exception {
        Path f = tmp.resolve("other.json");
        Files.writeString(f, "{\"schema\": \"isrepro.check/2\", \"id\": \"x\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunRecord.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("expected 'isrepro.run/2'"),
                e.getMessage());
        Files.writeString(f, "{\"id\": \"x\"}");
        e = assertThrows(IllegalArgumentException.class, () -> CheckRecord.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("no 'schema'"), e.getMessage());
    }

    @Test
    void keyNoTypeDeclaresFailsNamingTheFileAndKey() throws Exception {
        Path f = tmp.resolve("run.json");
        Samples.run().write(f);
        Files.writeString(f, Files.readString(f).replace("\"isIterations\"", "\"scoringSecondsPerSample\": 1e-4,\n"
                + "    \"isIterations\""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunRecord.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("scoringSecondsPerSample"),
                e.getMessage());
    }

    @Test
    void missingRequiredFieldFailsNamingTheFile() throws Exception {
        Path f = tmp.resolve("run.json");
        Samples.run().write(f);
        Files.writeString(f, Files.readString(f).replace("\"experiment\" : \"wrn-cifar10\",", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunRecord.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("experiment"), e.getMessage());
    }

    @Test
    void versionOneThreadsAreRenamed() throws Exception {
        Path f = tmp.resolve("run.json");
        Samples.run().write(f);
        Files.writeString(f, Files.readString(f).replace("isrepro.run/2", "isrepro.run/1")
                .replace("\"ompNumThreads\"", "\"OMP_NUM_THREADS\""));
        assertEquals(Samples.run(), RunRecord.read(f));
    }
}
