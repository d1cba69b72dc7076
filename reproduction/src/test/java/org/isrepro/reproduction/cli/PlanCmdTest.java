package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Plan;
import org.isrepro.reproduction.run.PlannedRun;
import org.isrepro.reproduction.run.Shards;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.FAST)
class PlanCmdTest {
    private static String print(int shards, Double secondsPerIteration) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PlanCmd.print(Experiments.ids(), Scale.PAPER, shards, secondsPerIteration,
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyRunIsListedOnceWithTheShardThatMatrixShardRuns() {
        List<PlannedRun> plan = Plan.of(Experiments.ids(), Scale.PAPER, null);
        String out = print(3, null);
        for (int k = 1; k <= 3; k++) {
            String shard = k + "/3 ";
            for (PlannedRun r : Shards.of(plan, new Shards.Spec(k, 3))) {
                long lines = out.lines().filter(l -> l.contains(" " + r.name())).count();
                assertEquals(1, lines, r.name());
                assertTrue(out.lines().anyMatch(l -> l.startsWith(shard) && l.contains(" " + r.name())),
                        r.name() + " not listed in shard " + shard);
            }
        }
        double hours = Shards.cost(plan) / 3600;
        assertTrue(out.contains(String.format(Locale.ROOT, "total: %.1f GPU-hours expected", hours)), out);
        assertTrue(out.contains("note: the 3 O-SGD runs are costed as uniform steps"), out);
    }

    @Test
    void aMeasuredIterationTimeChangesTheHoursButNotTheShards() {
        String assumed = print(4, null);
        String measured = print(4, 1.0);
        List<String> a = shardAndRun(assumed);
        List<String> m = shardAndRun(measured);
        // Every planned run once (other tests of this JVM may have registered experiments of their own).
        assertEquals(Plan.of(Experiments.ids(), Scale.PAPER, null).size(), a.size());
        assertEquals(a, m);
        assertTrue(measured.contains("at 1.000 s per iteration, measured"), measured);
        assertTrue(!assumed.equals(measured));
    }

    /** "shard run" of every run line. */
    private static List<String> shardAndRun(String out) {
        return out.lines().filter(l -> l.matches("^\\d/4 .*")).map(l -> {
            String[] f = l.split("\\s+");
            return f[0] + " " + f[3];
        }).toList();
    }

    @Test
    void theMeasuredPeakMemoryOfEachExperimentStandsBesideItsRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path file = tmp.resolve("dry-run.json");
        java.nio.file.Files.writeString(file, """
                {"schema": "isrepro.dry-run/1", "label": "dry run: synthetic data, 1 iteration", "experiments": [
                  {"experiment": "resnet50-mit67", "peakResidentBytes": 5368709120, "peakHeapBytes": 1073741824}]}
                """);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PlanCmd.print(List.of("resnet50-mit67", "lstm-permuted-mnist"), Scale.PAPER, 1, null,
                org.isrepro.reproduction.run.MeasuredSize.read(file).orElseThrow(),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.lines().anyMatch(l -> l.contains("5.00 + 1.00") && l.contains("resnet50-mit67__uniform__seed0")),
                out);
        assertTrue(out.lines().anyMatch(l -> l.contains("not measured") && l.contains("lstm-permuted-mnist__")), out);
        assertTrue(out.contains("memory: peak resident set (an upper bound of what the GPU holds) + of it the JVM heap (host)"), out);
    }
}
