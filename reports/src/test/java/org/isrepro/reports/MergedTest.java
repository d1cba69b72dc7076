package org.isrepro.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.isrepro.reports.records.Json;
import org.isrepro.reports.records.Merged;
import org.isrepro.reports.records.RunRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class MergedTest {
    @TempDir
    Path tmp;

    private static Path dated(Path record, String finishedAt) {
        ObjectNode n = (ObjectNode) Json.read(record);
        ((ObjectNode) n.get("provenance")).put("finishedAt", finishedAt);
        Json.write(record, n);
        return record;
    }

    @Test
    void runsOfSeveralDirectoriesAreAllKeptWhenNoneRepeats() {
        Fixtures.run("wrn-cifar10", "uniform").seed(0).write(tmp.resolve("a"));
        Fixtures.run("wrn-cifar10", "uniform").seed(1).write(tmp.resolve("b"));
        Fixtures.run("wrn-cifar10", "upper-bound").seed(0).write(tmp.resolve("b"));
        Merged m = Merged.load(tmp.resolve("report"), List.of(tmp.resolve("a"), tmp.resolve("b")));
        assertEquals(3, m.results().runs().size());
        assertEquals(List.of(), m.notes());
        assertEquals(tmp.resolve("report"), m.results().outDir());
    }

    @Test
    void theRecordWithMoreEvaluationsIsKeptWhateverTheirDatesAndTheChoiceIsSaid() {
        Path shorter = dated(Fixtures.run("lstm", "loss").points(3).write(tmp.resolve("a")),
                "2030-01-01T00:00:00Z");
        Path done = dated(Fixtures.run("lstm", "loss").write(tmp.resolve("b")), "2026-01-01T00:00:00Z");
        Merged m = Merged.load(tmp.resolve("report"), List.of(tmp.resolve("a"), tmp.resolve("b")));
        assertEquals(1, m.results().runs().size());
        assertEquals(done, m.results().runs().get(0).file());
        assertEquals(1, m.notes().size());
        String note = m.notes().get(0);
        assertTrue(note.contains("kept " + done) && note.contains("dropped " + shorter), note);
    }

    @Test
    void ofTwoEquallyCompleteRecordsTheLaterIsKept() {
        Path early = dated(Fixtures.run("lstm", "loss").write(tmp.resolve("a")), "2026-01-01T10:00:00.5Z");
        Path late = dated(Fixtures.run("lstm", "loss").write(tmp.resolve("b")), "2026-01-01T10:00:01Z");
        for (List<Path> order : List.of(List.of(tmp.resolve("a"), tmp.resolve("b")),
                List.of(tmp.resolve("b"), tmp.resolve("a")))) {
            RunRecord kept = Merged.load(tmp.resolve("report"), order).results().runs().get(0);
            assertEquals(late, kept.file(), "order " + order + " kept " + kept.file() + ", not " + early);
        }
    }

    @Test
    void reportMainRendersOneReportFromSeveralDirectoriesAndListsTheDuplicates() throws Exception {
        Fixtures.run("wrn-cifar10", "uniform").seed(0).write(tmp.resolve("shard-1"));
        Fixtures.run("wrn-cifar10", "uniform").seed(0).points(2).write(tmp.resolve("shard-2"));
        Fixtures.run("wrn-cifar10", "upper-bound").seed(0).write(tmp.resolve("shard-2"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Path report = tmp.resolve("report");
        int code = ReportMain.run(new PrintStream(buf, true, StandardCharsets.UTF_8), "--out", report.toString(),
                "--from", tmp.resolve("shard-1").toString(), "--from", tmp.resolve("shard-2").toString());
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        assertTrue(printed.contains("merge: 2 runs from 2 directories"), printed);
        assertTrue(printed.contains("merge: wrn-cifar10 uniform seed 0 (cpu): 2 records; kept "), printed);
        String md = Files.readString(report.resolve("report.md"));
        assertTrue(md.contains("../shard-1/runs/") && md.contains("../shard-2/runs/"), "links to both shards:\n" + md);
        assertTrue(Files.isRegularFile(report.resolve("claims.json")));
        var merge = Json.read(report.resolve(ReportMain.MERGE_FILE));
        assertEquals(2, merge.get("runs").asInt());
        assertEquals(2, merge.get("inputs").size());
        assertTrue(merge.get("notes").get(0).asText().startsWith("wrn-cifar10 uniform seed 0 (cpu): 2 records"),
                merge.toString());
    }
}
