package org.isrepro.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * DL4J's side of the peer comparison (docs/benchmarks.md, "DL4J against PyTorch"): the framework alone, no
 * harness code. {@code step} is one {@code fit} of a fixed batch of {@code batch} samples (forward, loss,
 * backward, updater, weight decay); {@code forward} is one inference pass of {@code batch} samples
 * ({@code output(x, false)}). benchmark/peer/peer_speed.py times the same networks in PyTorch with the same
 * shapes and runs this class one (network, operation) at a time, alternating with PyTorch.
 *
 * <p>Besides JMH's wall-clock score, {@link Cpu} counts the benchmark thread's CPU time per call. With one
 * OpenMP thread ND4J runs every op on the calling thread, so on a machine shared with other jobs that CPU time
 * is the cost of the call without the time spent descheduled (PyTorch's side measures the same way).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class PeerBench {
    /**
     * A {@link Workload} id: lenet, wrn16 (the cpu-scale WRN-10-1 on 16×16), lstm (LSTM-32, 196 steps: the earlier
     * §4.4 stand-in, kept for comparison with the committed measurements), lstm64x14 (the cpu stand-in's LSTM-64).
     */
    @Param({"lenet", "wrn16", "lstm", "lstm64x14"})
    public String network;

    @Param({"step", "forward"})
    public String operation;

    /** Samples per call: b for a step, B for a forward pass. */
    @Param({"32"})
    public int batch;

    private MultiLayerNetwork mln;
    private ComputationGraph graph;
    private DataSet data;

    @Setup(Level.Trial)
    public void setUp() {
        if (!operation.equals("step") && !operation.equals("forward")) {
            throw new IllegalArgumentException("operation must be step or forward, got '" + operation + "'");
        }
        Workload w = Workload.of(network);
        Model net = w.network(1);
        mln = net instanceof MultiLayerNetwork m ? m : null;
        graph = net instanceof ComputationGraph g ? g : null;
        data = w.data(batch, 2);
    }

    /** CPU time of the benchmark thread and calls, per iteration (JMH reports both as secondary metrics). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        public double cpuMs;
        public long calls;

        @Setup(Level.Iteration)
        public void reset() {
            cpuMs = 0;
            calls = 0;
        }

        long now() {
            return THREADS.getCurrentThreadCpuTime();
        }
    }

    @Benchmark
    public void run(Blackhole bh, Cpu cpu) {
        long start = cpu.now();
        call(bh);
        cpu.cpuMs += (cpu.now() - start) / 1e6;
        cpu.calls++;
    }

    private void call(Blackhole bh) {
        bh.consume(once());
    }

    /** One call of the operation; returns the step's score or the forward pass's output. */
    Object once() {
        if (operation.equals("step")) {
            if (mln != null) {
                mln.fit(data);
                return mln.score();
            }
            graph.fit(data);
            return graph.score();
        }
        return mln != null ? mln.output(data.getFeatures(), false) : graph.outputSingle(false, data.getFeatures());
    }
}
