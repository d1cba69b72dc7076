package org.isrepro.benchmark;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.StepReport;
import org.isrepro.core.method.Uniform;
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
 * What does one plain SGD step of b samples cost (draw b uniformly, gather them, forward, backward, update)?
 * The t_step(b) of §3.3, which the paper takes as 3 forward passes of b; Algorithm 1 pays it plus the
 * scoring of B.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class UniformStepBench {
    @Param({"mlp", "lenet", "wrn", "lstm"})
    public String model;

    @Param({"16", "32", "128"})
    public int batch;

    private Fixture fixture;
    private SampleSource source;
    private Uniform method;
    private SplittableRandom random;
    private long iteration;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = Fixture.of(model, 1);
        source = fixture.source(2);
        method = new Uniform(batch);
        random = new SplittableRandom(3);
    }

    @Benchmark
    public StepReport step() {
        return method.step(fixture.model, source, new StepContext(iteration++, Workload.LEARNING_RATE, random));
    }
}
