package org.isrepro.benchmark;

import java.util.concurrent.TimeUnit;
import org.isrepro.core.tau.TauEstimator;
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
 * What does the tau update of Algorithm 1 (line 17, eq. 26 with its moving average) cost? It runs every
 * step, on b scores by default or on the B presample scores in the reference's variant, so {@code scores}
 * spans both. It should be negligible against everything else.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TauBench {
    /** How many scores the update sees: b (16, 32, 128) or B (384, 640, 1024). */
    @Param({"16", "32", "128", "384", "640", "1024"})
    public int scores;

    private double[] values;
    private TauEstimator tau;

    @Setup(Level.Trial)
    public void setUp() {
        java.util.Random r = new java.util.Random(5);
        values = new double[scores];
        for (int i = 0; i < scores; i++) {
            values[i] = Math.exp(r.nextGaussian());
        }
        tau = new TauEstimator(TauEstimator.DEFAULT_A_TAU);
    }

    @Benchmark
    public double update() {
        return tau.update(values);
    }
}
