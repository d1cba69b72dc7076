package org.isrepro.reproduction.run;

import java.nio.file.Path;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.lockstep.LockstepExport;

/**
 * How a run is executed (not what it computes): where results go, how often to checkpoint (null: the
 * scale's default, {@link CheckpointEvery#defaultFor}), whether to draw a progress bar, and, for resume
 * tests, an evaluation after which to stop as if killed; and, for the framework check, a directory to export the
 * run's steps into (null: none; docs/framework.md) with its checkpoint interval in steps.
 */
public record RunOptions(Path outDir, CheckpointEvery checkpointEvery, boolean progressBar,
                         int stopAfterEvaluations, Path lockstepDir, int lockstepEvery) {

    public static RunOptions defaults(Path outDir) {
        return new RunOptions(outDir, null, true, -1, null, 10);
    }

    public RunOptions withCheckpointEvery(CheckpointEvery every) {
        return new RunOptions(outDir, every, progressBar, stopAfterEvaluations, lockstepDir, lockstepEvery);
    }

    public RunOptions withProgressBar(boolean on) {
        return new RunOptions(outDir, checkpointEvery, on, stopAfterEvaluations, lockstepDir, lockstepEvery);
    }

    public RunOptions stoppingAfter(int evaluations) {
        return new RunOptions(outDir, checkpointEvery, progressBar, evaluations, lockstepDir, lockstepEvery);
    }

    /** Exports the run for the framework check into {@code dir}, a checkpoint every {@code every} steps of a kind. */
    public RunOptions exportingLockstep(Path dir, int every) {
        return new RunOptions(outDir, checkpointEvery, progressBar, stopAfterEvaluations, dir, every);
    }

    /** The export of this run, or null. */
    public LockstepExport lockstep() {
        return lockstepDir == null ? null : new LockstepExport(lockstepDir, lockstepEvery, ACTIVATION_CHECKPOINTS);
    }

    /** Checkpoints of each kind (uniform, importance-sampled) that also export every layer's activations. */
    private static final int ACTIVATION_CHECKPOINTS = 3;

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
