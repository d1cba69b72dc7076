package org.isrepro.reports;

import static org.isrepro.reports.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class CompareTest {
    @TempDir
    Path reference;
    @TempDir
    Path current;

    private static void cifar10(Path out, double[] upperBoundLoss) {
        for (int seed = 0; seed < upperBoundLoss.length; seed++) {
            run("wrn-cifar10", "uniform").seed(seed).loss(2.3, 0.5).write(out);
            run("wrn-cifar10", "upper-bound").seed(seed).loss(2.3, upperBoundLoss[seed]).write(out);
        }
        ReportMain.render(out, null);
    }

    private static CompareMain.Row row(List<CompareMain.Row> rows, String id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theSameRecordsFlagNothing() {
        cifar10(reference, new double[] {0.30, 0.32, 0.31});
        cifar10(current, new double[] {0.30, 0.32, 0.31});
        List<CompareMain.Row> rows = CompareMain.compare(current, reference);
        assertTrue(rows.stream().allMatch(r -> r.flags().isEmpty()), rows.toString());
        assertTrue(row(rows, "cifar10-train-loss").curEstimate().contains("["), rows.toString());
    }

    @Test
    void aChangedVerdictAndDisjointIntervalsAreFlaggedAndExitOne() {
        cifar10(reference, new double[] {0.30, 0.32, 0.31});
        cifar10(current, new double[] {0.60, 0.62, 0.61});
        CompareMain.Row r = row(CompareMain.compare(current, reference), "cifar10-train-loss");
        assertEquals("pass", r.refVerdict());
        assertEquals("fail", r.curVerdict());
        assertTrue(r.flags().contains("verdict changed pass → fail"), r.flags().toString());
        assertTrue(r.flags().contains("intervals do not overlap"), r.flags().toString());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = CompareMain.run(new PrintStream(buf, true, StandardCharsets.UTF_8), "--current", current.toString(),
                "--reference", reference.toString());
        assertEquals(1, code);
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("** verdict changed pass → fail"));
    }

    @Test
    void aMissingReportIsAnErrorNamingTheFile() {
        cifar10(current, new double[] {0.3});
        int code = CompareMain.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                "--current", current.toString(), "--reference", reference.resolve("nowhere").toString());
        assertEquals(2, code);
    }
}
