package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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

    @Test
    void timeLimitIsOneAndAHalfTimesTheLargestShardPlusHalfAnHourWithinBounds() {
        assertEquals("0-00:30:00", SlurmCmd.timeLimit(0));
        assertEquals("0-06:30:00", SlurmCmd.timeLimit(4 * 3600));
        assertEquals("2-00:00:00", SlurmCmd.timeLimit(100 * 3600));
    }
}
