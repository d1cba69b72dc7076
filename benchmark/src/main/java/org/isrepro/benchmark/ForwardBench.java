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
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What does an inference forward pass of B samples cost? The unit of the paper's cost argument (§3.3: a
 * forward pass of one sample is 1, a step of b samples 3b) and the denominator of every ratio: scoring must
 * cost about this much, and Algorithm 1 should cost this plus a uniform step. Plain
 * {@code MultiLayerNetwork.output} / {@code ComputationGraph.outputSingle}, nothing of ours in it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ForwardBench {
    @Param({"mlp", "lenet", "wrn", "lstm"})
    public String model;

    /** B, the presample size. */
    @Param({"128", "384", "640", "1024"})
    public int presample;

    private Fixture fixture;
    private INDArray features;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = Fixture.of(model, 1);
        features = fixture.data(presample, 2).getFeatures();
    }

    @Benchmark
    public void forward(Blackhole bh) {
        // Consumed, so the JIT cannot drop the call (JMH sample 08, dead code).
        bh.consume(fixture.output(features));
    }
}
