package org.isrepro.reproduction.run;

import java.nio.file.Path;
import org.isrepro.reproduction.experiment.Scale;

/**
 * How a run is executed (not what it computes): where results go, how often to checkpoint (null: the
 * scale's default, {@link CheckpointEvery#defaultFor}), whether to draw a progress bar, and, for resume
 * tests, an evaluation after which to stop as if killed.
 */
public record RunOptions(Path outDir, CheckpointEvery checkpointEvery, boolean progressBar,
                         int stopAfterEvaluations) {

    public static RunOptions defaults(Path outDir) {
        return new RunOptions(outDir, null, true, -1);
    }

    public RunOptions withCheckpointEvery(CheckpointEvery every) {
        return new RunOptions(outDir, every, progressBar, stopAfterEvaluations);
    }

    public RunOptions withProgressBar(boolean on) {
        return new RunOptions(outDir, checkpointEvery, on, stopAfterEvaluations);
    }

    public RunOptions stoppingAfter(int evaluations) {
        return new RunOptions(outDir, checkpointEvery, progressBar, evaluations);
    }

    /** The interval a run at {@code scale} uses. */
    public CheckpointEvery checkpointEvery(Scale scale) {
        return checkpointEvery != null ? checkpointEvery : CheckpointEvery.defaultFor(scale);
    }

    public Path runsDir() {
        return outDir.resolve("runs");
    }

    public Path checkpointsDir() {
        return outDir.resolve("checkpoints");
    }
}
