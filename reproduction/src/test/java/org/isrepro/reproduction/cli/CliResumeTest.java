package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.run.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed in one process finishes in another with exactly the record of an uninterrupted run
 * (README, "Seeds"): the checkpoint carries everything, and the configuration saved with it compares
 * equal in a fresh JVM. Wall-clock timings and provenance (start time, resume count) are excluded.
 * Three smoke runs of the smallest experiment plus two short ones; about 50 s on 2 cores.
 */
@Tag(Tags.SMOKE)
class CliResumeTest {
    private static final String[] RUN = {"run", "--experiment", "resnet50-mit67", "--method", "upper-bound",
            "--seed", "0", "--scale", "smoke", "--no-progress"};
    private static final String NAME = "resnet50-mit67__upper-bound__seed0__smoke";

    @TempDir
    static Path tmp;
    private static Map<String, Object> reference;

    private static String[] run(Path out, String... extra) {
        String[] args = new String[RUN.length + 2 + extra.length];
        System.arraycopy(RUN, 0, args, 0, RUN.length);
        args[RUN.length] = "--out";
        args[RUN.length + 1] = out.toString();
        System.arraycopy(extra, 0, args, RUN.length + 2, extra.length);
        return args;
    }

    @BeforeAll
    static void uninterruptedRun() {
        Path out = tmp.resolve("straight");
        CliProcess.Result r = new CliProcess(tmp.resolve("logs-straight")).isrepro(run(out));
        assertEquals(0, r.exit(), r::toString);
        reference = record(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> record(Path out) {
        return Json.read(out.resolve("runs").resolve(NAME + ".json"), Map.class);
    }

    /** The record without what legitimately differs between processes: wall-clock timings and provenance. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutTimings(Map<String, Object> record) {
        Map<String, Object> r = new java.util.LinkedHashMap<>(record);
        r.remove("provenance");
        Map<String, Object> summary = new java.util.LinkedHashMap<>((Map<String, Object>) r.get("summary"));
        summary.remove("wallSeconds");
        summary.remove("firstIsOnSeconds");
        r.put("summary", summary);
        r.put("series", ((List<Map<String, Object>>) r.get("series")).stream().map(p -> {
            Map<String, Object> q = new java.util.LinkedHashMap<>(p);
            q.remove("wallSeconds");
            return q;
        }).toList());
        return r;
    }

    @SuppressWarnings("unchecked")
    private static void assertResumedToTheReference(Path out, CliProcess.Result resumed) {
        assertEquals(0, resumed.exit(), resumed::toString);
        assertFalse(resumed.err().contains("another configuration"), "the checkpoint was not resumed:\n" + resumed);
        Map<String, Object> r = record(out);
        assertEquals(1, ((Map<String, Object>) r.get("provenance")).get("resumedCount"), "resumed once");
        assertEquals(withoutTimings(reference), withoutTimings(r));
        assertEquals(List.of("runs/" + NAME + ".json"), CliProcess.files(out), "checkpoint and lock are gone");
        CliProcess.assertNoPartialFiles(out);
    }

    /** Starts the run and returns once its first checkpoint exists, with the process still running. */
    private static Process startAndWaitForCheckpoint(CliProcess cli, List<String> cmd, Path out)
            throws InterruptedException {
        Path ckpt = out.resolve("checkpoints").resolve(NAME + ".ckpt");
        Process p = cli.start(cmd);
        long deadline = System.nanoTime() + 150_000_000_000L;
        while (!Files.exists(ckpt)) {
            if (!p.isAlive()) {
                fail("the run ended (exit " + p.exitValue() + ") before writing a checkpoint");
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                fail("no checkpoint within 150 s");
            }
            Thread.sleep(20);
        }
        return p;
    }

    @Test
    void aRunKilledWithSigkillResumesInANewProcessToTheRecordOfAnUninterruptedRun() throws Exception {
        Path out = tmp.resolve("killed");
        CliProcess cli = new CliProcess(tmp.resolve("logs-killed"));
        List<String> cmd = cli.command(CliProcess.MAIN, run(out, "--checkpoint-every", "5it"));
        Process p = startAndWaitForCheckpoint(cli, cmd, out);
        p.destroyForcibly();
        CliProcess.Result killed = cli.finish(cmd, p);
        assertEquals(137, killed.exit(), () -> "the run was not killed by SIGKILL: " + killed);
        assertFalse(Files.exists(out.resolve("runs").resolve(NAME + ".json")));
        assertTrue(Files.exists(out.resolve("checkpoints").resolve(NAME + ".lock")), "kill -9 leaves the lock");

        CliProcess.Result resumed = cli.isrepro(run(out));
        assertTrue(resumed.err().contains("stale lock"), () -> "the dead process's lock is taken over with a"
                + " warning:\n" + resumed);
        assertResumedToTheReference(out, resumed);
    }

    @Test
    void sigtermWritesACheckpointExitsWith75AndTheRunResumesToTheRecordOfAnUninterruptedRun() throws Exception {
        Path out = tmp.resolve("terminated");
        CliProcess cli = new CliProcess(tmp.resolve("logs-terminated"));
        List<String> cmd = cli.command(CliProcess.MAIN, run(out, "--checkpoint-every", "5it"));
        Process p = startAndWaitForCheckpoint(cli, cmd, out);
        p.destroy();
        CliProcess.Result stopped = cli.finish(cmd, p);
        assertEquals(75, stopped.exit(), stopped::toString);
        assertTrue(stopped.message().contains("stopped by SIGTERM") && stopped.message().contains(".ckpt"),
                stopped::toString);
        assertEquals(List.of("checkpoints/" + NAME + ".ckpt"), CliProcess.files(out),
                "only the checkpoint: no record, no lock");
        CliProcess.assertNoPartialFiles(out);

        assertResumedToTheReference(out, cli.isrepro(run(out)));
    }
}
