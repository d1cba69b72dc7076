package org.isrepro.benchmark;

import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;

/**
 * How many ND4J operations one {@link PeerBench} call executes: {@code java -cp benchmarks.jar
 * org.isrepro.benchmark.OpCount lstm step 32}. Divided into the call's time from {@code make bench-peer}, it
 * gives the average cost per operation, which is how docs/benchmarks.md ("Where the floor is") separates
 * DL4J's fixed cost per operation from arithmetic. Counts come from ND4J's own {@link OpProfiler}; the
 * profiler slows the calls down, so this prints no time.
 */
public final class OpCount {
    private OpCount() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: OpCount <network: lenet|wrn16|lstm|lstm64x14> <operation: step|forward> <batch>");
            System.exit(2);
        }
        PeerBench bench = new PeerBench();
        bench.network = args[0];
        bench.operation = args[1];
        bench.batch = Integer.parseInt(args[2]);
        bench.setUp();
        for (int i = 0; i < 5; i++) {
            bench.once(); // first calls build helpers and workspaces
        }
        int calls = 10;
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().build());
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        for (int i = 0; i < calls; i++) {
            bench.once();
        }
        long ops = OpProfiler.getInstance().getInvocationsCount();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        System.out.printf("%s %s b=%d: %d ND4J operations per call%n", args[0], args[1], bench.batch, ops / calls);
    }
}
