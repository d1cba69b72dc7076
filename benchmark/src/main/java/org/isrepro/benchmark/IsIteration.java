package org.isrepro.benchmark;

import java.util.Map;
import java.util.SplittableRandom;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.ImportanceSampling;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.StepReport;
import org.isrepro.core.score.UpperBoundScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What does one importance-sampled iteration of Algorithm 1 cost (lines 6-10 and 17: presample B, score
 * them with the upper bound, resample b, weighted step, tau update)? §3.3 charges it t_fwd(B) + t_step(b);
 * the target is ≤ 1.05× the {@link ForwardBench} of B plus the {@link UniformStepBench} of b. tau_th is 1
 * and tau starts at 2, so every step is importance sampled; a step that fell back to uniform sampling
 * (unusable scores) fails the trial instead of being timed as the wrong thing.
 *
 * <p>Two concrete classes share this code because Algorithm 1 requires B > b: {@link IsIterationBench} runs
 * b ∈ {16, 32} with every B, {@link IsIterationLargeBatchBench} b = 128 with B ≥ 384.
 */
public abstract class IsIteration {
    private Fixture fixture;
    private SampleSource source;
    private ImportanceSampling method;
    private SplittableRandom random;
    private long iteration;
    private long uniformSteps;

    protected abstract String model();

    protected abstract int presample();

    protected abstract int batch();

    @Setup(Level.Trial)
    public void setUp() {
        fixture = Fixture.of(model(), 1);
        source = fixture.source(2);
        method = new ImportanceSampling(new UpperBoundScorer(),
                ImportanceSampling.Config.of(batch(), presample()).withTauTh(1.0));
        method.restore(Map.of("tau", 2.0));
        random = new SplittableRandom(3);
    }

    @Benchmark
    public StepReport iteration() {
        StepReport r = method.step(fixture.model, source, new StepContext(iteration++, Workload.LEARNING_RATE, random));
        if (!r.importanceSampled()) {
            uniformSteps++;
        }
        return r;
    }

    @TearDown(Level.Trial)
    public void checkEveryStepWasImportanceSampled() {
        if (uniformSteps > 0) {
            throw new IllegalStateException(uniformSteps + " of " + iteration + " steps were not importance sampled"
                    + " (tau " + method.tau() + "); the timing is not that of Algorithm 1's iteration");
        }
    }
}
