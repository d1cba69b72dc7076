package org.isrepro.benchmark;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One importance-sampled iteration of Algorithm 1: b ∈ {16, 32}, every B (see {@link IsIteration}). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class IsIterationBench extends IsIteration {
    @Param({"mlp", "lenet", "wrn", "lstm"})
    public String model;

    @Param({"128", "384", "640", "1024"})
    public int presample;

    @Param({"16", "32"})
    public int batch;

    @Override
    protected String model() {
        return model;
    }

    @Override
    protected int presample() {
        return presample;
    }

    @Override
    protected int batch() {
        return batch;
    }
}
