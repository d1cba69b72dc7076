package org.isrepro.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Files real writers wrote read back with every value as written: the committed cpu reference run
 * (reports/reference/cpu) and the full-settings benchmark run (reports/reference/bench-full, docs/benchmarks.md
 * "BENCH=full") at the current schemas, and files of the version-1 schemas (copies of an earlier
 * reference run, under src/test/resources/v1) through their migrations.
 */
@Tag("fast")
class CommittedFilesTest {
    static final Path REFERENCE = Path.of(System.getProperty("isrepro.root", "..")).resolve("reports/reference/cpu");
    static final Path BENCH_FULL = Path.of(System.getProperty("isrepro.root", ".."))
            .resolve("reports/reference/bench-full");
    static final Path V1 = Path.of(System.getProperty("isrepro.root", "..")).resolve("records/src/test/resources/v1");

    @Test
    void everyReferenceRunReadsWithItsValues() throws IOException {
        List<Path> files = runs(REFERENCE);
        // at least the §4.1-4.4 matrix: 4 experiments x 3 methods x 3 seeds
        assertTrue(files.size() >= 36, files.size() + " run records");
        for (Path f : files) {
            assertEquals(RunRecord.SCHEMA.id(), RecordFiles.tree(f).get("schema").asText(), f.toString());
            readsWithItsValues(f);
        }
    }

    @Test
    void version1RunsReadWithTheirValues() throws IOException {
        List<Path> files = runs(V1);
        assertFalse(files.isEmpty());
        for (Path f : files) {
            assertEquals("isrepro.run/1", RecordFiles.tree(f).get("schema").asText(), f.toString());
            readsWithItsValues(f);
        }
    }

    private static List<Path> runs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static void readsWithItsValues(Path f) {
        JsonNode raw = RecordFiles.tree(f);
        // the one key version 2 renamed (provenance.threads.OMP_NUM_THREADS), renamed here too; a no-op at 2
        Provenance.liftThreadsFromV1((com.fasterxml.jackson.databind.node.ObjectNode) raw);
        RunRecord r = RunRecord.read(f);
        assertEquals(RecordFiles.MAPPER.convertValue(raw.get("config"), Map.class), r.config().values(), f.toString());
        assertEquals(text(raw.get("summary")), text(r.summary()), f.toString());
        assertEquals(text(raw.get("series")), text(r.series()), f.toString());
        assertEquals(withoutNulls(RecordFiles.MAPPER.convertValue(raw.get("provenance"), Map.class)),
                withoutNulls(RecordFiles.MAPPER.convertValue(r.provenance(), Map.class)), f.toString());
    }

    /** A null provenance field reads as an absent one: Java omits such fields, the twin wrote some as null. */
    private static Map<?, ?> withoutNulls(Map<?, ?> provenance) {
        Map<Object, Object> out = new HashMap<>(provenance);
        out.values().removeIf(Objects::isNull);
        return out;
    }

    /** The value as written: the same text means the same keys, order and numbers. */
    static String text(Object value) {
        try {
            return RecordFiles.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void version1AblationReadsItsSnakeCaseValues() {
        Path f = V1.resolve(Ablation41Record.FILE);
        JsonNode raw = RecordFiles.tree(f);
        assertEquals("isrepro.ablation41/1", raw.get("schema").asText());
        Ablation41Record a = Ablation41Record.read(f);
        assertEquals(raw.get("checkpoints").size(), a.checkpoints().size());
        for (int i = 0; i < a.checkpoints().size(); i++) {
            JsonNode c = raw.get("checkpoints").get(i);
            Ablation41Record.Checkpoint cp = a.checkpoints().get(i);
            assertEquals(c.get("step").asLong(), cp.step());
            assertEquals(c.get("sse_loss").asDouble(), cp.sseLoss());
            assertEquals(c.get("sse_upper_bound").asDouble(), cp.sseUpperBound());
            assertEquals(c.get("pearson_loss").asDouble(), cp.pearsonLoss());
            assertEquals(c.get("pearson_upper_bound").asDouble(), cp.pearsonUpperBound());
            assertEquals(c.get("variance_ratio_loss").asDouble(), cp.varianceRatioLoss());
            assertEquals(c.get("variance_ratio_upper_bound").asDouble(), cp.varianceRatioUpperBound());
            assertEquals(c.get("variance_ratio_gradient_norm").asDouble(), cp.varianceRatioGradientNorm());
            assertEquals(c.get("uniform_mean_distance").asDouble(), cp.uniformMeanDistance());
            assertEquals(c.get("error_on_sample").asDouble(), cp.errorOnSample());
            assertEquals(c.get("p_upper_bound").size(), cp.pUpperBound().size());
            assertEquals(c.get("p_gradient_norm").get(7).asDouble(), cp.pGradientNorm().get(7));
            assertEquals(c.get("seconds_per_sample").get("upper-bound").asDouble(), cp.secondsPerSample().upperBound());
            assertEquals(c.get("seconds_per_sample").get("gradient-norm").asDouble(),
                    cp.secondsPerSample().gradientNorm());
        }
        assertEquals(RecordFiles.MAPPER.convertValue(raw.get("config"), Map.class), a.config());
    }

    @Test
    void version1TauCheckReadsWithItsTable() {
        Path f = V1.resolve("checks/tau-equivalence.json");
        JsonNode raw = RecordFiles.tree(f);
        assertEquals("isrepro.check/1", raw.get("schema").asText());
        CheckRecord c = CheckRecord.read(f);
        assertEquals("tau-equivalence", c.id());
        assertFalse(c.tables().isEmpty());
        // the version-1 writer built tables and figures from Map.of, whose key order varies: compare as maps
        assertEquals(RecordFiles.MAPPER.convertValue(raw.get("tables"), Object.class),
                RecordFiles.MAPPER.convertValue(c.tables(), Object.class));
        assertEquals(RecordFiles.MAPPER.convertValue(raw.get("figures"), Object.class),
                RecordFiles.MAPPER.convertValue(c.figures(), Object.class));
    }

    @Test
    void referenceAblationAndChecksReadAtTheCurrentSchemas() throws IOException {
        Ablation41Record a = Ablation41Record.read(REFERENCE.resolve(Ablation41Record.FILE));
        assertEquals(Ablation41Record.SCHEMA.id(), RecordFiles.tree(REFERENCE.resolve(Ablation41Record.FILE))
                .get("schema").asText());
        assertFalse(a.checkpoints().isEmpty());
        try (Stream<Path> s = Files.list(REFERENCE.resolve("checks"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                assertEquals(CheckRecord.SCHEMA.id(), RecordFiles.tree(f).get("schema").asText(), f.toString());
                assertEquals(RecordFiles.MAPPER.convertValue(RecordFiles.tree(f).get("tables"), Object.class),
                        RecordFiles.MAPPER.convertValue(CheckRecord.read(f).tables(), Object.class), f.toString());
            }
        }
    }

    @Test
    void committedBenchmarkRatiosReadWithTheirValues() {
        for (Path f : List.of(BENCH_FULL.resolve(BenchRatiosRecord.FILE), REFERENCE.resolve(BenchRatiosRecord.FILE))) {
            JsonNode raw = RecordFiles.tree(f);
            assertEquals(BenchRatiosRecord.SCHEMA.id(), raw.get("schema").asText(), f.toString());
            BenchRatiosRecord r = BenchRatiosRecord.read(f);
            assertFalse(r.ratios().isEmpty(), f.toString());
            assertEquals(text(raw.get("ratios")), text(r.ratios()), f.toString());
            assertEquals(RecordFiles.MAPPER.convertValue(raw.get("provenance"), Object.class),
                    RecordFiles.MAPPER.convertValue(r.provenance(), Object.class), f.toString());
        }
    }
}
