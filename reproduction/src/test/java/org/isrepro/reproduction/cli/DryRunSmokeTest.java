package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.isrepro.core.testing.Tags;
import org.isrepro.datasets.DryRun;
import org.isrepro.datasets.synthetic.SyntheticData;
import org.isrepro.reproduction.run.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The part of `make dry-run` that CI runs beside `make test` (`make test-dry-run`; README, "Tests"): synthetic
 * CIFAR-10 and MNIST in their real formats through the real loaders and the pre-augmented pool, the full-size
 * WRN-28-2 (uniform) and LSTM-128 over 784 steps (uniform and upper-bound) with the paper's b and B for one update
 * each, measured by {@code isrepro dry-run}. Left out, for time: ResNet-50 (minutes per update on 2 cores), the
 * other experiments and methods, the kill and resume (CliResumeTest covers it at smoke scale) and the shards
 * (SlurmCmdTest, PlanCmdTest).
 */
@Tag(Tags.DRY_RUN)
class DryRunSmokeTest {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void wrn282AndLstm128RunOneUpdateOnSyntheticDataThroughTheRealLoadersAndTheirSizeIsMeasured() throws Exception {
        Path data = tmp.resolve("data");
        SyntheticData.write(data, new SyntheticData.Sizes(130, 64, 300, 64, 1, 1, false), 0L);
        Path out = tmp.resolve("out");
        CliProcess cli = new CliProcess(tmp.resolve("logs")).timeout(1_800).env("ISREPRO_DATA", data.toString())
                .env(DryRun.ENV, "1");
        CliProcess.Result lstm = cli.isrepro("dry-run", "--out", out.resolve("lstm").toString(), "--methods",
                "uniform,upper-bound", "lstm-permuted-mnist");
        assertEquals(0, lstm.exit(), lstm::toString);
        CliProcess.Result wrn = cli.isrepro("dry-run", "--out", out.resolve("wrn").toString(), "--methods", "uniform",
                "wrn-cifar10");
        assertEquals(0, wrn.exit(), wrn::toString);
        List<Map<String, Object>> experiments = new java.util.ArrayList<>();
        for (String part : List.of("wrn", "lstm")) {
            Map<String, Object> doc = Json.read(out.resolve(part).resolve("dry-run.json"), Map.class);
            assertEquals("dry run: synthetic data, 1 iteration", doc.get("label"));
            assertEquals(true, doc.get("complete"));
            experiments.addAll((List<Map<String, Object>>) doc.get("experiments"));
        }
        assertEquals(List.of("wrn-cifar10", "lstm-permuted-mnist"),
                experiments.stream().map(e -> e.get("experiment")).toList());
        for (Map<String, Object> e : experiments) {
            assertTrue(((Number) e.get("peakResidentBytes")).longValue() > 0, e::toString);
            assertTrue(((Number) e.get("peakHeapBytes")).longValue() > 0, e::toString);
            assertTrue(((Number) e.get("scoringSeconds")).doubleValue() > 0, e::toString);
            List<Map<String, Object>> runs = (List<Map<String, Object>>) e.get("runs");
            // the LSTM's upper-bound runs at tau_th 1.8 and 2.33 (§4.4)
            assertEquals(e.get("experiment").equals("wrn-cifar10") ? 1 : 3, runs.size(), e::toString);
            for (Map<String, Object> run : runs) {
                assertEquals("completed", run.get("status"), run::toString);
                assertEquals(1, ((Number) run.get("iterations")).intValue(), run::toString);
            }
        }
        assertEquals(128, ((Number) experiments.get(0).get("batchSize")).intValue());
        assertEquals(640, ((Number) experiments.get(0).get("presample")).intValue());
        try (Stream<Path> records = Stream.concat(Files.list(out.resolve("wrn/runs")), Files.list(out.resolve("lstm/runs")))) {
            for (Path p : records.toList()) {
                Map<String, Object> record = Json.read(p, Map.class);
                assertEquals("dry run: synthetic data, 1 iteration", record.get("standIn"), p::toString);
                assertEquals("paper", record.get("scale"), p::toString);
            }
        }
    }
}
