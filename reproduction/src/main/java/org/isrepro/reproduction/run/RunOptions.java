package org.isrepro.reproduction.run;

import java.nio.file.Path;

/**
 * How a run is executed (not what it computes): where results go, how often to checkpoint, whether to
 * draw a progress bar, and, for resume tests, an evaluation after which to stop as if killed.
 */
public record RunOptions(Path outDir, double checkpointSeconds, boolean progressBar, int stopAfterEvaluations) {

    public static RunOptions defaults(Path outDir) {
        return new RunOptions(outDir, 300, true, -1);
    }

    public RunOptions withCheckpointSeconds(double s) {
        return new RunOptions(outDir, s, progressBar, stopAfterEvaluations);
    }

    public RunOptions withProgressBar(boolean on) {
        return new RunOptions(outDir, checkpointSeconds, on, stopAfterEvaluations);
    }

    public RunOptions stoppingAfter(int evaluations) {
        return new RunOptions(outDir, checkpointSeconds, progressBar, evaluations);
    }

    public Path runsDir() {
        return outDir.resolve("runs");
    }

    public Path checkpointsDir() {
        return outDir.resolve("checkpoints");
    }
}
