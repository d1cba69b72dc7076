package org.isrepro.benchmark;

import java.util.concurrent.TimeUnit;
import org.isrepro.core.score.LossScorer;
import org.isrepro.core.score.UpperBoundScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.isrepro.core.score.Scorer;
import org.isrepro.core.score.Scorers;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What does scoring B samples with a forward-only score cost? §3.2: the upper bound of eq. 20 "can be
 * computed ... with a single forward pass", so {@code upper-bound} should cost no more than
 * {@link ForwardBench} on the same samples (target ≤ 1.05×); {@code loss} is the same pass with a different
 * reduction. {@code chunk} = 0 scores all B in one pass, as Algorithm 1 does by default; other values are
 * for profiling ({@code -p chunk=64,128}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScoringBench {
    @Param({"mlp", "lenet", "wrn", "lstm"})
    public String model;

    @Param({"128", "384", "640", "1024"})
    public int presample;

    @Param({LossScorer.ID, UpperBoundScorer.ID})
    public String scorer;

    /** Forward-pass chunk; 0 means one chunk of B. */
    @Param({"0"})
    public int chunk;

    private Fixture fixture;
    private Scorer score;
    private DataSet batch;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = Fixture.of(model, 1);
        score = Scorers.byId(scorer);
        batch = fixture.data(presample, 2);
    }

    @Benchmark
    public void score(Blackhole bh) {
        bh.consume(score.score(fixture.model, batch, chunk == 0 ? presample : chunk));
    }
}
