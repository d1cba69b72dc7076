package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.run.Plan;
import org.isrepro.reproduction.run.PlannedRun;
import org.isrepro.reproduction.run.Shards;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The smoke matrix of two experiments as a SLURM job array of two shards on a single-node cluster started
 * here (mk/slurm-local.sh): one task is requeued mid-run, the merge job renders one report, and every run
 * appears in it exactly once with the record a single-machine matrix writes (timings excluded). Also checks
 * that the paper-scale script with 8 shards passes {@code sbatch --test-only}. Needs root, slurm-wlm and
 * munge: {@code make test-slurm} installs them. Its working files stay in reproduction/target/slurm-test.
 */
@Tag("slurm")
class SlurmClusterTest {
    private static final List<String> EXPERIMENTS = List.of("lstm-permuted-mnist", "resnet50-mit67");
    private static final int SHARDS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path root;
    private static Path work;
    private static Path cluster;
    private static Map<String, String> env;

    @BeforeAll
    static void startCluster() throws Exception {
        root = Path.of(System.getProperty("isrepro.root", "..")).toAbsolutePath().normalize();
        work = root.resolve("reproduction/target/slurm-test");
        if (Files.exists(work)) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        cluster = work.resolve("cluster");
        Files.createDirectories(cluster);
        env = new HashMap<>();
        env.put("SLURM_CONF", cluster.resolve("slurm.conf").toString());
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        env.put("ISREPRO", Path.of(System.getProperty("java.home"), "bin", "java") + " -cp " + classpath
                + " org.isrepro.reproduction.cli.Main");
        env.put("OMP_NUM_THREADS", "1");
        Result up = sh(Duration.ofMinutes(1), "bash", root.resolve("mk/slurm-local.sh").toString(), "start",
                cluster.toString());
        assertEquals(0, up.code(), "the local cluster did not start:\n" + up.output());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            sh(Duration.ofMinutes(1), "scancel", "--user=" + System.getProperty("user.name"));
            sh(Duration.ofMinutes(1), "bash", root.resolve("mk/slurm-local.sh").toString(), "stop", cluster.toString());
        }
    }

    @Test
    void aShardedJobArrayWithARequeuedTaskMergesIntoTheSingleMachineRecords() throws Exception {
        // The single-machine matrix, for comparison.
        Path single = work.resolve("single");
        List<String> matrix = new ArrayList<>(List.of(env.get("ISREPRO").split(" ")));
        matrix.addAll(List.of("matrix", "--scale", "smoke", "--no-progress", "--out", single.toString()));
        matrix.addAll(EXPERIMENTS);
        Result ref = sh(Duration.ofMinutes(15), matrix.toArray(String[]::new));
        assertEquals(0, ref.code(), ref.output());

        Path out = work.resolve("out");
        Path scripts = work.resolve("slurm");
        List<String> gen = new ArrayList<>(List.of(env.get("ISREPRO").split(" ")));
        gen.addAll(List.of("slurm", "--scale", "smoke", "--shards", String.valueOf(SHARDS), "--out", out.toString(),
                "--dir", scripts.toString(), "--root", root.toString()));
        gen.addAll(EXPERIMENTS);
        Result written = sh(Duration.ofMinutes(2), gen.toArray(String[]::new));
        assertEquals(0, written.code(), written.output());

        Result submitted = sh(Duration.ofMinutes(1), "bash", scripts.resolve("submit.sh").toString());
        assertEquals(0, submitted.code(), submitted.output());
        Matcher ids = Pattern.compile("shards as job (\\d+).*merge as job (\\d+)").matcher(submitted.output());
        assertTrue(ids.find(), submitted.output());
        String array = ids.group(1);
        String merge = ids.group(2);

        // Requeue the shard with more runs once its first run has finished and its second is under way.
        List<List<PlannedRun>> plan = Shards.assign(Plan.of(EXPERIMENTS, Scale.SMOKE, null), SHARDS);
        int victim = plan.get(0).size() >= plan.get(1).size() ? 1 : 2;
        Path victimRuns = out.resolve("shard-" + victim).resolve("runs");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (count(victimRuns) < 1) {
            if (System.nanoTime() > deadline) {
                fail("shard " + victim + " wrote no record in 10 minutes:\n" + logs(out));
            }
            Thread.sleep(500);
        }
        assertTrue(count(victimRuns) < plan.get(victim - 1).size(), "shard " + victim + " finished before the requeue");
        Result requeue = sh(Duration.ofMinutes(1), "scontrol", "requeue", array + "_" + victim);
        assertEquals(0, requeue.code(), requeue.output());

        deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while (!sh(Duration.ofMinutes(1), "squeue", "-h", "-j", array + "," + merge).output().isBlank()) {
            if (System.nanoTime() > deadline) {
                fail("the jobs did not end in 20 minutes:\n" + logs(out));
            }
            Thread.sleep(2000);
        }
        String victimJob = sh(Duration.ofMinutes(1), "scontrol", "show", "job", array + "_" + victim).output();
        assertTrue(victimJob.matches("(?s).*Restarts=[1-9].*"), "task " + victim + " was not requeued:\n" + victimJob);
        for (int i = 1; i <= SHARDS; i++) {
            String job = sh(Duration.ofMinutes(1), "scontrol", "show", "job", array + "_" + i).output();
            assertTrue(job.contains("JobState=COMPLETED"), "task " + i + ":\n" + job + "\n" + logs(out));
        }
        String mergeLog = Files.readString(out.resolve("logs/merge.log"));
        List<PlannedRun> all = Plan.of(EXPERIMENTS, Scale.SMOKE, null);
        assertTrue(mergeLog.contains("merge: " + all.size() + " runs from " + SHARDS + " directories"), mergeLog);

        // Every run exactly once in the merged report, with the single-machine record minus timings.
        String report = Files.readString(out.resolve("report/report.md"));
        for (PlannedRun r : all) {
            Matcher m = Pattern.compile("\\]\\(\\.\\./shard-(\\d+)/runs/" + Pattern.quote(r.name() + ".json") + "\\)")
                    .matcher(report);
            List<String> shards = new ArrayList<>();
            while (m.find()) {
                shards.add(m.group(1));
            }
            assertEquals(1, shards.size(), r.name() + " in the merged report " + shards.size() + " times");
            JsonNode sharded = withoutTimings(out.resolve("shard-" + shards.get(0)).resolve("runs/" + r.name() + ".json"));
            JsonNode alone = withoutTimings(single.resolve("runs/" + r.name() + ".json"));
            assertEquals(alone, sharded, r.name() + " differs from the single-machine record");
        }
    }

    @Test
    void paperScaleArrayOfEightShardsPassesSbatchTestOnly() throws Exception {
        Path scripts = work.resolve("paper-slurm");
        List<String> gen = new ArrayList<>(List.of(env.get("ISREPRO").split(" ")));
        gen.addAll(List.of("slurm", "--scale", "paper", "--shards", "8", "--out", work.resolve("paper-out").toString(),
                "--dir", scripts.toString(), "--root", root.toString()));
        Result written = sh(Duration.ofMinutes(2), gen.toArray(String[]::new));
        assertEquals(0, written.code(), written.output());
        Files.createDirectories(work.resolve("paper-out/logs"));
        for (String script : new String[] {"shards.sbatch", "merge.sbatch"}) {
            Result r = sh(Duration.ofMinutes(1), "sbatch", "--test-only", scripts.resolve(script).toString());
            assertEquals(0, r.code(), script + ":\n" + r.output());
            assertTrue(r.output().contains("to start at"), script + ":\n" + r.output());
        }
    }

    /** The record without what depends on the machine's speed or the time of day. */
    private static JsonNode withoutTimings(Path file) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(file.toFile());
        n.remove("provenance");
        for (JsonNode p : (ArrayNode) n.get("series")) {
            ((ObjectNode) p).remove("wallSeconds");
        }
        ObjectNode s = (ObjectNode) n.get("summary");
        List<String> timed = new ArrayList<>();
        s.fieldNames().forEachRemaining(f -> {
            if (f.contains("Seconds")) {
                timed.add(f);
            }
        });
        timed.forEach(s::remove);
        return n;
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).count();
        }
    }

    private static String logs(Path out) throws IOException {
        StringBuilder sb = new StringBuilder();
        Path dir = out.resolve("logs");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.sorted().toList()) {
                    List<String> lines = Files.readAllLines(p);
                    sb.append("== ").append(p).append('\n')
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    record Result(int code, String output) {
    }

    private static Result sh(Duration timeout, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(root.toFile());
        pb.environment().putAll(env);
        Path log = Files.createTempFile(work, "cmd", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not end in " + timeout + ":\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Result(p.exitValue(), output);
    }
}
