package org.isrepro.benchmark;

import java.util.concurrent.TimeUnit;
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
import org.isrepro.core.score.GoodfellowScorer;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What do exact per-sample gradient norms cost when the network is dense? Goodfellow's trick
 * (arXiv 1510.01799) gets all B norms from one batched forward and backward pass, so on the MLP it should
 * cost about a training step of B, far less than {@link ExactScoringBench}'s batch-size-1 backprop, and a
 * few times the upper bound. Only the MLP qualifies (convolutions and recurrences share weights).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GoodfellowBench {
    @Param({"mlp"})
    public String model;

    @Param({"128", "384", "640", "1024"})
    public int presample;

    private Fixture fixture;
    private GoodfellowScorer score;
    private DataSet batch;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = Fixture.of(model, 1);
        score = new GoodfellowScorer();
        batch = fixture.data(presample, 2);
    }

    @Benchmark
    public void goodfellow(Blackhole bh) {
        bh.consume(score.score(fixture.model, batch, presample));
    }
}
