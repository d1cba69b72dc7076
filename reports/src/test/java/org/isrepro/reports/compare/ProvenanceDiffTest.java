package org.isrepro.reports.compare;

import static org.isrepro.reports.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.isrepro.reports.CompareMain;
import org.isrepro.reports.ReportMain;
import org.isrepro.reports.records.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code make compare} names, beside a flagged claim, the provenance fields that differ between the two runs. */
@Tag("fast")
class ProvenanceDiffTest {
    @TempDir
    Path reference;
    @TempDir
    Path current;

    private static void cifar10(Path out, double upperBoundLoss) {
        for (int seed = 0; seed < 3; seed++) {
            run("wrn-cifar10", "uniform").seed(seed).loss(2.3, 0.5).write(out);
            run("wrn-cifar10", "upper-bound").seed(seed).loss(2.3, upperBoundLoss + 0.01 * seed).write(out);
        }
        ReportMain.render(out, null);
    }

    /** Edits the provenance of every run record under {@code out}, as another machine's writer would have. */
    private static void editProvenance(Path out, Consumer<ObjectNode> edit) throws IOException {
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            for (Path f : s.toList()) {
                ObjectNode doc = (ObjectNode) Json.read(f);
                edit.accept((ObjectNode) doc.get("provenance"));
                Json.write(f, doc);
            }
        }
    }

    private String compare() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(1, CompareMain.run(new PrintStream(buf, true, StandardCharsets.UTF_8), "--current",
                current.toString(), "--reference", reference.toString()));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFlaggedClaimListsEachDifferingFieldOnceWithFieldsItHasNeverSeen() throws IOException {
        cifar10(reference, 0.30);
        cifar10(current, 0.60);
        editProvenance(current, p -> {
            p.put("cpu", "Intel Xeon");
            p.put("startedAt", "2026-12-03T13:26:44Z");
            p.put("hostname", "box-2");
            // a field this module does not know, nested as a kernel-provenance part would be
            p.putObject("kernel").putObject("env").put("DNNL_MAX_CPU_ISA", "AVX2");
        });
        String text = compare();
        assertTrue(text.contains("    provenance of its files differs (6 paired files, reference → current):"), text);
        assertTrue(text.contains("      cpu: test cpu → Intel Xeon\n"), text);
        assertTrue(text.contains("      kernel.env.DNNL_MAX_CPU_ISA: unset → AVX2\n"), text);
        assertFalse(text.contains("startedAt:") || text.contains("hostname:"), text);
        // one line per field however many runs show it
        assertEquals(text.split("cpu: test cpu → Intel Xeon", -1).length - 1,
                text.split("provenance of its files differs", -1).length
                        + (text.contains("provenance of all result files differs") ? 1 : 0) - 1, text);
    }

    @Test
    void aChangeOnlySomeRunsShowSaysHowMany() throws IOException {
        cifar10(reference, 0.30);
        cifar10(current, 0.60);
        Path one = current.resolve("runs/wrn-cifar10__uniform__seed0__cpu.json");
        ObjectNode doc = (ObjectNode) Json.read(one);
        ((ObjectNode) doc.get("provenance")).putObject("threads").put("ompNumThreads", "2");
        Json.write(one, doc);
        ProvenanceDiff.Result r = ProvenanceDiff.forClaim(current, reference, "cifar10-train-loss");
        assertEquals(6, r.paired());
        assertEquals(List.of("threads.ompNumThreads: unset → 2 (1 of 6 files)"),
                r.fields().stream().map(ProvenanceDiff.Field::text).toList());
    }

    @Test
    void theSameProvenanceSaysNoFieldDiffersAndWhatWasIgnored() {
        cifar10(reference, 0.30);
        cifar10(current, 0.60);
        String text = compare();
        assertTrue(text.contains("    provenance of its files: no field differs across 6 paired files (ignored: "
                + "finishedAt, host, hostname, resumedCount, startedAt)"), text);
    }

    @Test
    void longWordListsSuchAsCpuFlagsShowOnlyTheWordsThatDiffer() {
        assertEquals("+avx512f −sse4a", ProvenanceDiff.change("fpu vme de pse tsc msr pae mce sse4a",
                "fpu vme de pse tsc msr pae mce avx512f"));
        assertEquals("AMD EPYC → Intel Xeon", ProvenanceDiff.change("AMD EPYC", "Intel Xeon"));
    }

    @Test
    void claimInputsKeepTheirDirectoryAndDropRemarks() {
        assertEquals(List.of("runs/vr-cifar10__*.json", "runs/vr-cifar100__*.json"),
                ClaimInputs.globs("runs/vr-cifar10__*.json, vr-cifar100__*.json"));
        assertEquals(List.of("runs/*.json"),
                ClaimInputs.globs("runs/*.json (config.presample, batchSize, tauTh; summary.iterations)"));
        assertEquals(List.of("checks/last-layer.json"), ClaimInputs.globs("checks/last-layer.json"));
    }
}
