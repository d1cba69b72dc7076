package org.isrepro.records;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One filled-in value of each record type, every field set, for the round-trip and contract tests. */
final class Samples {
    private Samples() {
    }

    static Provenance provenance() {
        return new Provenance("abc123", false, "CpuBackend", "nd4j-native", true, "test cpu", null, 2,
                new Provenance.Threads(1, "1", Provenance.Threads.IDENTICAL_RECORDS_NEED), kernels(), "1.0.0-M2.1",
                "0.1.0-SNAPSHOT", "17.0.15 (OpenJDK 64-Bit Server VM)", "Linux amd64",
                Map.of("fashion-mnist/train", "332f"), "2026-12-01T03:22:19Z", "2026-12-01T03:28:22Z", 0,
                Frameworks.DL4J);
    }

    static KernelProvenance kernels() {
        return new KernelProvenance(new KernelProvenance.Cpu("AuthenticAMD", 26, 2, 1, "AMD EPYC", "0xb002116", true,
                "sse sse2 avx avx2 fma avx512f avx512_bf16", Map.of("L1d", "48K", "L2", "1024K")),
                "linux-x86_64-onednn-avx2", "GCC: \"7.5.0\"; HAVE_ONEDNN; HAVE_OPENBLAS",
                new KernelProvenance.Blas("OPENBLAS", "OpenBLAS 0.3.19 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64",
                        "Haswell", 1),
                new KernelProvenance.OneDnn("oneDNN v2.3.0 (commit aec51f9)", "Intel AVX-512 with Intel DL Boost and"
                        + " bfloat16 support", "OpenMP"),
                Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_CORETYPE", "Haswell"));
    }

    static RunRecord run() {
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("amount", 60000.0);
        budget.put("unit", "cost");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("experiment", "wrn-cifar10");
        config.put("paperSetting", "WRN-28-2 on CIFAR-10");
        config.put("model", "WRN-10-1");
        config.put("batchSize", 32);
        config.put("presample", 160);
        config.put("tauTh", 1.5);
        config.put("budget", budget);
        config.put("evaluations", 10);
        config.put("trainEvalSize", 1000);
        config.put("testEvalSize", 2000);
        config.put("seeds", List.of(0, 1, 2));
        config.put("variant", null);
        config.put("methodParams", Map.of("scorer", "upper-bound"));
        return new RunRecord(RunRecord.SCHEMA.id(), "wrn-cifar10", "upper-bound", "B=3b", 0, "cpu",
                RunRecord.COMPLETED, "WRN-10-1 on Fashion-MNIST", new RunConfig(config), provenance(),
                List.of(new SeriesPoint(0, 0, 0, 0, 0, 2.85, 0.897, 2.79, 0.91, null, false, 0.1),
                        new SeriesPoint(23.4, 6048, 63, 2016, 1.68, 0.75, 0.33, 0.86, 0.25, 1.31, true, 0.02)),
                new Summary(0.75, 0.33, 0.25, 63, 20, 40L, 39L, 12.5, 4000.0, 23.4, 6048));
    }

    static CheckRecord check() {
        return new CheckRecord(CheckRecord.SCHEMA.id(), "tau-equivalence", "tau against the variance reduction",
                "an MLP", "cpu", provenance(),
                List.of(new CheckRecord.Table("per step", List.of("step", "tau", "note"),
                        List.of(List.of(100, 1.5, "a"), java.util.Arrays.asList(500, null, "b")))),
                List.of(new CheckRecord.Figure("tau-vs-measured", "title", "step", "reduction [1]", true, "scatter",
                        List.of(CheckRecord.Series.of("measured", new double[] {100, 500},
                                new double[] {0.5, Double.NaN})))));
    }

    static Ablation41Record ablation() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("trainSize", 60000);
        config.put("checkpoints", List.of(100, 300));
        return new Ablation41Record(Ablation41Record.SCHEMA.id(), "cpu", "LeNet on Fashion-MNIST", config,
                provenance(), List.of(new Ablation41Record.Checkpoint(100, 5.8e-4, 1.6e-4, 0.86, 0.93, 0.84, 0.78,
                0.69, 1.42, 0.51, 0.19, List.of(0.5, 0.5), List.of(0.4, 0.6), List.of(0.3, 0.7),
                new Ablation41Record.SecondsPerSample(1.6e-3, 1.5e-3, 1.3e-3, 8.2e-2))));
    }

    static BenchRatiosRecord ratios() {
        return new BenchRatiosRecord(BenchRatiosRecord.SCHEMA.id(), provenance(),
                new BenchRatiosRecord.Jmh("1 forks, 3 warmup x 1 s, 5 measurement x 1 s", "2026-12-01T05:00:00Z",
                        "1.00 0.90 0.80 2/300 12345"), "2026-12-01T05:01:00Z",
                List.of(new BenchRatiosRecord.Ratio("gradient-norm/upper-bound", "gradient-norm scoring s/sample",
                        "upper-bound scoring s/sample", Map.of("model", "lenet", "presample", 640), 31.2, 1.5,
                        ">= 10", true, "a note")));
    }

    static TuningRecord tuning() {
        return new TuningRecord(TuningRecord.SCHEMA.id(), "wrn-cifar10", "schaul", "cpu",
                "lowest final validation error after 0.25 of the budget, seed 0",
                List.of(Map.of("alpha", 0.1, "beta", 0.5)),
                List.of(new TuningRecord.Candidate(Map.of("alpha", 0.1, "beta", 0.5), "completed", 0.2,
                        "wrn-cifar10-tuning__schaul-alpha=0.1,beta=0.5__seed0__cpu.json")),
                Map.of("alpha", 0.1, "beta", 0.5));
    }
}
