package org.isrepro.benchmark;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.isrepro.core.sample.AliasSampler;
import org.isrepro.core.sample.CumulativeSampler;
import org.isrepro.core.sample.Sampler;
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

/**
 * What does drawing b of B with replacement cost (Algorithm 1, line 8), building the sampler included since
 * the scores change every step? Walker's alias method (O(B) build, O(1) per draw, what
 * {@code ImportanceSampling} uses) against inverse-CDF binary search over cumulative sums (O(B) build,
 * O(log B) per draw, what the reference code does). Target: ≤ 1% of a forward pass of B. Scores are
 * log-normal (σ = 1), skewed like upper bounds late in training; neither method's cost depends on the values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SamplingBench {
    @Param({"128", "384", "640", "1024"})
    public int presample;

    @Param({"16", "32", "128"})
    public int batch;

    @Param({"alias", "cumulative"})
    public String sampler;

    private double[] scores;
    private boolean alias;
    private SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp() {
        if (!sampler.equals("alias") && !sampler.equals("cumulative")) {
            throw new IllegalArgumentException("sampler must be alias or cumulative, got " + sampler);
        }
        alias = sampler.equals("alias");
        java.util.Random r = new java.util.Random(3);
        scores = new double[presample];
        for (int i = 0; i < presample; i++) {
            scores[i] = Math.exp(r.nextGaussian());
        }
        random = new SplittableRandom(4);
    }

    @Benchmark
    public int[] buildAndDraw() {
        // Returned, so JMH consumes it and the work cannot be eliminated.
        Sampler s = alias ? new AliasSampler(scores) : new CumulativeSampler(scores);
        return s.sample(batch, random);
    }
}
