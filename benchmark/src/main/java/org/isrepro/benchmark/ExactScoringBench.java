package org.isrepro.benchmark;

import java.util.concurrent.TimeUnit;
import org.isrepro.core.score.GradientNormScorer;
import org.isrepro.core.score.LastLayerScorer;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * What does an exact per-sample gradient norm cost, per sample? §3.2 and §4.1: computing ‖∇θ L_i‖ needs a
 * backward pass per sample and is "more than an order of magnitude" slower than the upper bound (target:
 * gradient-norm / upper-bound ≥ 10 per sample). Both {@code gradient-norm} (all parameters) and
 * {@code last-layer} (RAIS' approximation) run batch-size-1 backpropagation, so they are timed on
 * {@value #SUBSET} samples and reported per sample ({@code @OperationsPerInvocation}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(ExactScoringBench.SUBSET)
public class ExactScoringBench {
    static final int SUBSET = 16;

    @Param({"mlp", "lenet", "wrn", "lstm"})
    public String model;

    @Param({GradientNormScorer.ID, LastLayerScorer.ID})
    public String scorer;

    private Fixture fixture;
    private Scorer score;
    private DataSet batch;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = Fixture.of(model, 1);
        score = Scorers.byId(scorer);
        batch = fixture.data(SUBSET, 2);
    }

    @Benchmark
    public void scorePerSample(Blackhole bh) {
        bh.consume(score.score(fixture.model, batch, SUBSET));
    }
}
