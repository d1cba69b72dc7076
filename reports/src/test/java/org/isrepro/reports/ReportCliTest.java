package org.isrepro.reports;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad records given to {@code report} as a separate process (what `make report` runs): each is skipped
 * with a warning naming the file and listed under Problems, or, with {@code --strict}, fails the report
 * with exit 2 and leaves the previous report byte for byte, with no staging directory or temporary file.
 * Two rendering JVMs and six that fail or print help at once; about 20 s on 2 cores.
 */
@Tag("smoke")
class ReportCliTest {
    private static final List<String> MATRIX = new ArrayList<>();

    @TempDir
    Path out;

    private record Result(int exit, String out, String err) {
        String message() {
            return err.lines().filter(l -> l.startsWith("report:")).findFirst().orElse("");
        }
    }

    private Result report(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                ReportMain.class.getName()));
        cmd.addAll(List.of(args));
        return exec(cmd, Map.of());
    }

    /** {@code bin/isrepro} itself, on this module's test classpath (what make's report targets start). */
    private Result launcher(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("isrepro.root", ".."), "bin", "isrepro")
                .toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, Map.of("ISREPRO_CLASSPATH", System.getProperty("java.class.path")));
    }

    private Result exec(List<String> cmd, Map<String, String> env) {
        try {
            Path o = Files.createTempFile("report", ".out");
            Path e = Files.createTempFile("report", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(o.toFile()).redirectError(e.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("report did not finish in 120 s");
                }
                return new Result(p.exitValue(), Files.readString(o), Files.readString(e));
            } finally {
                Files.deleteIfExists(o);
                Files.deleteIfExists(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every file under the output directory with its content: what "the previous report is whole" compares. */
    private static Map<String, String> snapshot(Path dir) {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), org.isrepro.reports.records.Json.MAPPER.writeValueAsString(
                        Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    private static void assertNoStagingLeft(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> left = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(".report-") || n.endsWith(".tmp") || n.endsWith(".part");
            }).toList();
            assertTrue(left.isEmpty(), "left behind: " + left);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bad record kinds: file content and what the message must say. */
    private static final Map<String, List<String>> BAD = new java.util.LinkedHashMap<>();

    static {
        BAD.put("empty", List.of("", "is empty"));
        BAD.put("garbage", List.of("<html>not json", "cannot parse"));
        BAD.put("newer-schema", List.of("{\"schema\": \"isrepro.run/3\", \"series\": []}", "newer isrepro"));
        BAD.put("wrong-type", List.of("{\"schema\": \"isrepro.run/1\", \"experiment\": \"e\", \"method\": \"m\","
                + " \"seed\": 0, \"scale\": \"cpu\", \"status\": \"completed\", \"series\": [{\"trainLoss\":"
                + " \"low\"}]}", "at series[0].trainLoss: Cannot deserialize"));
    }

    @Test
    void eachBadRecordFailsAStrictReportNamingTheFileAndLeavesThePreviousReportWhole() throws IOException {
        Fixtures.run("wrn-cifar10", "uniform").write(out);
        Result first = report("--out", out.toString());
        assertEquals(0, first.exit(), first.err());
        Map<String, String> before = snapshot(out);
        for (Map.Entry<String, List<String>> kind : BAD.entrySet()) {
            Path bad = out.resolve("runs").resolve(kind.getKey() + ".json");
            Files.writeString(bad, kind.getValue().get(0));
            Result strict = report("--out", out.toString(), "--strict");
            MATRIX.add(String.format("| %s record (report --strict) | %d | %s |", kind.getKey(), strict.exit(),
                    strict.message()));
            assertEquals(2, strict.exit(), strict.err());
            assertTrue(strict.message().startsWith("report: " + bad) && strict.message().contains(kind.getValue()
                    .get(1)), strict.err());
            Files.delete(bad);
            assertEquals(before, snapshot(out), "the previous report is whole");
            assertNoStagingLeft(out);
        }
    }

    @Test
    void badRecordsAreSkippedWithAWarningNamingEachAndListedUnderProblems() throws IOException {
        Fixtures.run("wrn-cifar10", "uniform").write(out);
        for (Map.Entry<String, List<String>> kind : BAD.entrySet()) {
            Files.writeString(out.resolve("runs").resolve(kind.getKey() + ".json"), kind.getValue().get(0));
        }
        Result lenient = report("--out", out.toString());
        assertEquals(0, lenient.exit(), lenient.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Problems"), md);
        for (Map.Entry<String, List<String>> kind : BAD.entrySet()) {
            Path bad = out.resolve("runs").resolve(kind.getKey() + ".json");
            String warning = lenient.err().lines().filter(l -> l.startsWith("report: skipping " + bad)).findFirst()
                    .orElse("");
            MATRIX.add(String.format("| %s record (report) | %d | %s |", kind.getKey(), lenient.exit(), warning));
            assertTrue(warning.contains(kind.getValue().get(1)), lenient.err());
            assertTrue(md.contains("runs/" + kind.getKey() + ".json"), md);
        }
        assertTrue(md.contains("wrn-cifar10"), "the good record is still reported");
        assertNoStagingLeft(out);
    }

    @Test
    void aCorruptRecordInAFromDirectoryFailsAStrictMergedReportNamingIt() throws IOException {
        Path shard0 = out.resolve("shard-0");
        Path shard1 = out.resolve("shard-1");
        Path report = out.resolve("report");
        Fixtures.run("wrn-cifar10", "uniform").write(shard0);
        Fixtures.run("wrn-cifar10", "upper-bound").write(shard1);
        Path bad = shard1.resolve("runs").resolve("nan.json");
        Files.writeString(bad, "{\"schema\": \"isrepro.run/2\", \"finalTrainLoss\": NaN}");
        Result strict = report("--out", report.toString(), "--from", shard0.toString(), "--from", shard1.toString(),
                "--strict");
        MATRIX.add(String.format("| corrupt shard record (report --from --strict) | %d | %s |", strict.exit(),
                strict.message()));
        assertEquals(2, strict.exit(), strict.err());
        assertTrue(strict.message().startsWith("report: " + bad) && strict.message().contains("cannot parse"),
                strict.err());
        assertTrue(!Files.exists(report.resolve("index.html")) && !Files.exists(report.resolve("merge.json")),
                "nothing is written");

        Result lenient = report("--out", report.toString(), "--from", shard0.toString(), "--from", shard1.toString());
        assertEquals(0, lenient.exit(), lenient.err());
        assertTrue(lenient.err().contains("report: skipping " + bad), lenient.err());
    }

    @Test
    void aDirectoryWithoutRecordsIsSaidInTheFirstLineAndFailsAStrictReport() throws IOException {
        Path empty = Files.createDirectories(out.resolve("not-the-results"));
        Result lenient = report("--out", empty.toString());
        MATRIX.add(String.format("| no records (report) | %d | %s |", lenient.exit(), lenient.message()));
        assertEquals(0, lenient.exit(), lenient.err());
        assertTrue(lenient.err().lines().findFirst().orElse("").startsWith("report: " + empty + " holds no records"),
                lenient.err());
        assertTrue(lenient.message().contains("every claim is reported as not run"), lenient.err());

        Path strictDir = Files.createDirectories(out.resolve("empty-strict"));
        Result strict = report("--out", strictDir.toString(), "--strict");
        MATRIX.add(String.format("| no records (report --strict) | %d | %s |", strict.exit(), strict.message()));
        assertEquals(2, strict.exit(), strict.err());
        assertEquals(1, strict.err().lines().filter(l -> !l.isBlank()).count(), "one line: " + strict.err());
        assertTrue(strict.message().startsWith("report: " + strictDir + " holds no records"), strict.err());
        assertEquals(List.of(), Files.list(strictDir).toList(), "nothing is written");
    }

    @Test
    void theLauncherStartsEachReportProgramWithItsOwnHelp() {
        for (String program : List.of("report", "compare", "nightly-check")) {
            Result r = launcher(program, "--help");
            assertEquals(0, r.exit(), () -> program + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: " + program), () -> program + ": " + r.out());
        }
    }

    @Test
    void reportHasHelp() {
        Result r = report("--help");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("--strict") && r.out().contains("--out"), r.out());
    }

    @AfterAll
    static void printMatrix() {
        MATRIX.forEach(System.out::println);
    }
}
