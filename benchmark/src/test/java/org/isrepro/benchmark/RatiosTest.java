package org.isrepro.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arithmetic of {@link Ratios} on a hand-written JMH file: units, per-sample scaling, matching, targets. */
@Tag("fast")
class RatiosTest {
    @TempDir
    Path dir;

    private static String result(String benchmark, String params, double score, String unit) {
        return "{\"benchmark\": \"org.isrepro.benchmark." + benchmark + "\", \"mode\": \"avgt\", \"params\": {"
                + params + "}, \"primaryMetric\": {\"score\": " + score + ", \"scoreError\": \"NaN\", \"scoreUnit\": \""
                + unit + "\"}}";
    }

    private List<Ratios.Ratio> ratios(String... results) throws IOException {
        Path file = dir.resolve("jmh.json");
        Files.writeString(file, "[" + String.join(",", results) + "]");
        return Ratios.compute(Ratios.read(file));
    }

    private static Ratios.Ratio only(List<Ratios.Ratio> all, String id) {
        List<Ratios.Ratio> found = all.stream().filter(r -> r.id().equals(id)).toList();
        assertEquals(1, found.size(), id + " in " + all);
        return found.get(0);
    }

    @Test
    void fourRatiosFromMatchingParameters() throws IOException {
        List<Ratios.Ratio> all = ratios(
                result("ForwardBench.forward", "\"model\": \"lenet\", \"presample\": \"640\"", 400, "ms/op"),
                result("ScoringBench.score", "\"model\": \"lenet\", \"presample\": \"640\", \"scorer\": \"upper-bound\","
                        + " \"chunk\": \"0\"", 430, "ms/op"),
                result("ScoringBench.score", "\"model\": \"lenet\", \"presample\": \"640\", \"scorer\": \"loss\","
                        + " \"chunk\": \"0\"", 405, "ms/op"),
                result("ExactScoringBench.scorePerSample", "\"model\": \"lenet\", \"scorer\": \"gradient-norm\"", 10,
                        "ms/op"),
                result("SamplingBench.buildAndDraw", "\"presample\": \"640\", \"batch\": \"128\", \"sampler\": \"alias\"",
                        8, "us/op"),
                result("UniformStepBench.step", "\"model\": \"lenet\", \"batch\": \"128\"", 250, "ms/op"),
                result("IsIterationBench.iteration", "\"model\": \"lenet\", \"presample\": \"640\", \"batch\": \"128\"",
                        700, "ms/op"));
        Ratios.Ratio ub = only(all, "upper-bound/forward");
        assertEquals(430.0 / 400, ub.value(), 1e-12);
        assertFalse(ub.met());
        Ratios.Ratio gn = only(all, "gradient-norm/upper-bound");
        assertEquals(10 / (430.0 / 640), gn.value(), 1e-9);   // per sample on both sides
        assertTrue(gn.met());
        Ratios.Ratio sampling = only(all, "sampling/forward");
        assertEquals(8e-6 / 0.4, sampling.value(), 1e-12);    // microseconds against milliseconds
        assertTrue(sampling.met());
        Ratios.Ratio is = only(all, "is-iteration/(forward+uniform-step)");
        assertEquals(700.0 / 650, is.value(), 1e-12);
        assertFalse(is.met());
        assertTrue(is.note().contains("50.0 ms"), is.note());   // the time beyond forward + step
    }

    @Test
    void profilingChunksAreNotRatioed() throws IOException {
        List<Ratios.Ratio> all = ratios(
                result("ForwardBench.forward", "\"model\": \"mlp\", \"presample\": \"640\"", 10, "ms/op"),
                result("ScoringBench.score", "\"model\": \"mlp\", \"presample\": \"640\", \"scorer\": \"upper-bound\","
                        + " \"chunk\": \"64\"", 20, "ms/op"));
        assertTrue(all.isEmpty(), all.toString());
    }

    @Test
    void throughputResultsAreRefused() throws IOException {
        Path file = dir.resolve("jmh.json");
        Files.writeString(file, "[" + result("ForwardBench.forward", "", 3, "ops/s") + "]");
        assertThrows(IllegalArgumentException.class, () -> Ratios.read(file));
    }

    private static JsonNode jvmArgs(String... perResult) throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (String args : perResult) {
            json.append(json.length() > 1 ? "," : "")
                    .append("{\"benchmark\": \"org.isrepro.benchmark.ForwardBench.forward\", \"jvmArgs\": [")
                    .append(args).append("]}");
        }
        return new ObjectMapper().readTree(json.append("]").toString());
    }

    @Test
    void theForksSystemPropertiesAreReadFromTheirJvmArgs() throws IOException {
        String args = "\"-Xmx2g\", \"-Disrepro.onednn=false\", \"-Dflag\", \"-Da=b=c\"";
        assertEquals(Map.of("isrepro.onednn", "false", "flag", "", "a", "b=c"),
                Ratios.forkProperties(jvmArgs(args, args)));
        assertEquals(Map.of(), Ratios.forkProperties(jvmArgs("\"-Xmx2g\"")));
    }

    @Test
    void resultsOfDifferentNativePathsAreRefusedNamingTheProperty() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ratios.forkProperties(
                jvmArgs("\"-Dlog=warn\"", "\"-Dlog=warn\", \"-Disrepro.onednn=false\"")));
        assertTrue(e.getMessage().contains("ran with -Disrepro.onednn=false, the first result without it"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ratios.forkProperties(
                jvmArgs("\"-Dorg.bytedeco.javacpp.maxPhysicalBytes=0\"",
                        "\"-Dorg.bytedeco.javacpp.maxPhysicalBytes=1g\"")));
        assertTrue(e.getMessage().contains("-Dorg.bytedeco.javacpp.maxPhysicalBytes=1g, the first result with "
                + "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0"), e.getMessage());
    }
}
