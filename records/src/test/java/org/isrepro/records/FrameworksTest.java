package org.isrepro.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provenance.framework}: DL4J's writers state it, older files read as DL4J's, an unknown one is refused. */
@Tag("fast")
class FrameworksTest {
    @TempDir
    Path dir;

    @Test
    void aFileWrittenBeforeTheFieldReadsAsDl4jsAndKeepsItsValues() {
        Path v1 = CommittedFilesTest.V1.resolve("runs/wrn-cifar10__upper-bound__seed0__cpu.json");
        RunRecord r = RunRecord.read(v1);
        assertNull(r.provenance().framework());
        assertEquals(Frameworks.DL4J, Frameworks.of(r.provenance()));
    }

    @Test
    void theTwinsCommittedSampleReadsAsAPyTorchRecord() {
        Path sample = Path.of(System.getProperty("isrepro.root", ".."))
                .resolve("companion/samples/wrn-cifar10__upper-bound__seed0__smoke__pytorch.json");
        RunRecord r = RunRecord.read(sample);
        assertEquals(Frameworks.PYTORCH, Frameworks.of(r.provenance()));
        assertEquals("wrn-cifar10", r.experiment());
        assertTrue(r.series().size() > 1, "the sample has a series");
    }

    @Test
    void aPyTorchRecordRoundTripsWithItsFramework() throws Exception {
        RunRecord dl4j = Samples.run();
        Provenance p = dl4j.provenance();
        Provenance torch = new Provenance(p.gitCommit(), p.gitDirty(), null, null, null, p.cpu(), null, p.cores(),
                null, null, null, null, null, p.os(), p.datasetChecksums(), p.startedAt(), p.finishedAt(), null,
                Frameworks.PYTORCH);
        Path f = dir.resolve("wrn-cifar10__upper-bound__seed0__cpu__pytorch.json");
        new RunRecord(dl4j.schema(), dl4j.experiment(), dl4j.method(), null, 0, "cpu", RunRecord.COMPLETED, null,
                dl4j.config(), torch, dl4j.series(), dl4j.summary()).write(f);
        assertTrue(Files.readString(f).contains("\"framework\" : \"pytorch\""));
        assertEquals(Frameworks.PYTORCH, Frameworks.of(RunRecord.read(f).provenance()));
    }

    @Test
    void anUnknownFrameworkFailsNamingTheFileAndTheExpectedOnes() throws Exception {
        Path f = dir.resolve("x.json");
        Samples.run().write(f);
        ObjectNode tree = (ObjectNode) RecordFiles.tree(f);
        ((ObjectNode) tree.get("provenance")).put("framework", "tensorflow");
        Files.writeString(f, RecordFiles.MAPPER.writeValueAsString(tree));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunRecord.read(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("'tensorflow'")
                && e.getMessage().contains("[dl4j, pytorch]"), e.getMessage());
    }
}
