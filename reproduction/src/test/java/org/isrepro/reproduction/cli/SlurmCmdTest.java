package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag(Tags.FAST)
class SlurmCmdTest {

    private static Map<String, String> render(Scale scale, int gpus) {
        return SlurmCmd.render(new SlurmCmd.Settings(scale, 8, Path.of("/shared/out"), Path.of("/shared/isrepro"), gpus,
                8, "48G", "1-06:00:00", List.of(), "/shared/data"));
    }

    @Test
    void arrayHasOneTaskPerShardAndEachTaskRunsItsShardIntoItsOwnDirectory() {
        String s = render(Scale.PAPER, 1).get("shards.sbatch");
        assertTrue(s.contains("#SBATCH --array=1-8\n"), s);
        assertTrue(s.contains("matrix --scale \"$SCALE\" --shard \"$task/$SHARDS\" --out \"$OUT/shard-$task\""), s);
        assertTrue(s.contains("OUT=\"${OUT:-/shared/out}\""), s);
        assertTrue(s.contains("ISREPRO=\"${ISREPRO:-/shared/isrepro/bin/isrepro}\""), s);
    }

    @Test
    void requestsAreDirectivesAboveTheFirstCommandAndTheTaskIsRequeuable() {
        String s = render(Scale.PAPER, 1).get("shards.sbatch");
        int firstCommand = s.indexOf("\nset ");
        for (String d : new String[] {"--gres=gpu:1", "--cpus-per-task=8", "--mem=48G", "--time=1-06:00:00",
                "--requeue", "--signal=B:USR1@120"}) {
            int at = s.indexOf("#SBATCH " + d + "\n");
            assertTrue(at > 0 && at < firstCommand, d + " missing or below the first command:\n" + s);
        }
        assertTrue(s.contains("trap on_limit USR1") && s.contains("scontrol requeue"), s);
        assertTrue(s.contains("trap on_term TERM"), s);
        assertFalse(render(Scale.SMOKE, 0).get("shards.sbatch").contains("--gres"), "no GPU requested when gpus=0");
    }

    @Test
    void mergeRunsAfterEveryTaskAndReadsEveryShardDirectory() {
        Map<String, String> files = render(Scale.PAPER, 1);
        assertTrue(files.get("submit.sh").contains("--dependency=afterany:\"$array\""), files.get("submit.sh"));
        String merge = files.get("merge.sbatch");
        assertTrue(merge.contains("SHARDS=8") && merge.contains("$OUT/shard-$i"), merge);
        assertTrue(merge.contains("REPORT_FROM="), merge);
    }

    /** Runs shards.sbatch with bash as task 2 of job 77, a fake isrepro and a fake scontrol; sends it a signal. */
    private static String[] runTask(Path tmp, String signal) throws Exception {
        Path scripts = Files.createDirectories(tmp.resolve("scripts"));
        Path out = tmp.resolve("out");
        Files.writeString(scripts.resolve("shards.sbatch"), render(Scale.PAPER, 1).get("shards.sbatch"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("scontrol"), "#!/bin/bash\necho \"$*\" >> \"$OUT/scontrol\"\n");
        Files.writeString(bin.resolve("isrepro"), """
                #!/bin/bash
                trap 'echo TERM >> "$OUT/signals"; exit 143' TERM
                echo "$*" > "$OUT/args"
                while true; do sleep 0.05; done
                """);
        for (String f : new String[] {"scontrol", "isrepro"}) {
            Files.setPosixFilePermissions(bin.resolve(f), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ProcessBuilder pb = new ProcessBuilder("bash", scripts.resolve("shards.sbatch").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("task.log").toFile());
        pb.environment().putAll(Map.of("SLURM_ARRAY_TASK_ID", "2", "SLURM_ARRAY_JOB_ID", "77", "OUT", out.toString(),
                "ISREPRO", bin.resolve("isrepro").toString(), "PATH", bin + ":" + System.getenv("PATH")));
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(out.resolve("args"))) {
            assertTrue(System.nanoTime() < deadline, "the matrix never started: " + Files.readString(tmp.resolve("task.log")));
            Thread.sleep(20);
        }
        new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the task did not end after SIG" + signal);
        return new String[] {String.valueOf(p.exitValue()), Files.readString(out.resolve("args")).trim(),
                read(out.resolve("signals")), read(out.resolve("scontrol"))};
    }

    private static String read(Path p) throws java.io.IOException {
        return Files.exists(p) ? Files.readString(p).trim() : "";
    }

    @Test
    void nearTheTimeLimitTheTaskStopsTheMatrixWithSigtermAndRequeuesItself(@TempDir Path tmp) throws Exception {
        String[] r = runTask(tmp, "USR1");
        assertEquals("matrix --scale paper --shard 2/8 --out " + tmp.resolve("out/shard-2") + " --no-progress", r[1]);
        assertEquals("TERM", r[2], "the matrix must get SIGTERM to checkpoint");
        assertEquals("requeue 77_2", r[3]);
        assertEquals("0", r[0]);
    }

    @Test
    void onSigtermTheTaskStopsTheMatrixAndLeavesRequeueingToSlurm(@TempDir Path tmp) throws Exception {
        String[] r = runTask(tmp, "TERM");
        assertEquals("TERM", r[2]);
        assertEquals("", r[3], "no self-requeue on pre-emption or scancel");
        assertEquals("143", r[0]);
    }

    @Test
    void timeLimitIsOneAndAHalfTimesTheLargestShardPlusHalfAnHourWithinBounds() {
        assertEquals("0-00:30:00", SlurmCmd.timeLimit(0));
        assertEquals("0-06:30:00", SlurmCmd.timeLimit(4 * 3600));
        assertEquals("2-00:00:00", SlurmCmd.timeLimit(100 * 3600));
    }
}
