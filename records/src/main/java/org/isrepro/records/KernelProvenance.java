package org.isrepro.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What selects the numeric kernels a run computed with (docs/machines.md): the processor the libraries
 * dispatch on, the ND4J native build, the BLAS library and the core type it chose, oneDNN's version and the
 * instruction set it dispatches to, and the environment variables that steer any of them. Two records whose
 * series differ with the same seed and configuration differ here, or in {@link Provenance.Threads}, or in code.
 * A part nobody could determine is null (another backend, another operating system).
 *
 * @param cpu            the processor as the kernels' dispatchers see it
 * @param nd4jNativeBuild the classifier of the libnd4jcpu that was loaded ({@code linux-x86_64-onednn-avx2})
 * @param nd4jBuildInfo  libnd4j's own build information (compiler, HAVE_ONEDNN, HAVE_OPENBLAS), one line
 * @param blas           the BLAS ND4J calls for matrix products
 * @param onednn         oneDNN as it reports itself; null when the native build has no oneDNN
 * @param environment    every set variable that steers threads or kernel choice ({@code OMP_*}, {@code DNNL_*},
 *                       {@code ONEDNN_*}, {@code OPENBLAS_*}, {@code GOTO_*}, {@code MKL_*}, {@code KMP_*});
 *                       empty when none is set
 * @param implementations the harness's own choice between implementations of one layer that compute the same
 *                       function with different kernels ({@code lstm}: {@code native}, libnd4j's lstmLayer op, or
 *                       {@code dl4j}, DL4J's LSTM layer; docs/benchmarks.md, "The LSTM on libnd4j's lstmLayer";
 *                       {@code layerNorm}: {@code loops} or {@code operations}, "Layer normalisation in plain
 *                       loops"); absent in files written before it was recorded, and a file without
 *                       {@code layerNorm} ran the operations
 */
@JsonPropertyOrder({"cpu", "nd4jNativeBuild", "nd4jBuildInfo", "blas", "onednn", "environment", "implementations"})
public record KernelProvenance(Cpu cpu, String nd4jNativeBuild, String nd4jBuildInfo, Blas blas, OneDnn onednn,
                               Map<String, String> environment,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> implementations) {

    /** Without implementations: a file written before they were recorded. */
    public KernelProvenance(Cpu cpu, String nd4jNativeBuild, String nd4jBuildInfo, Blas blas, OneDnn onednn,
                            Map<String, String> environment) {
        this(cpu, nd4jNativeBuild, nd4jBuildInfo, blas, onednn, environment, null);
    }

    /**
     * The processor from {@code /proc/cpuinfo} and {@code /sys/devices/system/cpu/cpu0/cache}.
     *
     * @param vendor     {@code vendor_id}: GenuineIntel, AuthenticAMD
     * @param family     {@code cpu family} (26 is AMD Zen 5)
     * @param simdFlags  the vector-extension flags (sse*, avx*, fma, f16c, amx*, ...), space-separated
     * @param hypervisor whether the kernel reports running under a hypervisor (cpuid data may then be synthetic)
     * @param caches     per level and type, the size the kernel reports ({@code L1d -> 48K}); where the system has no
     *                   cache directory (some hypervisors), cpuinfo's {@code cache size} under {@code cpuinfo}
     */
    @JsonPropertyOrder({"vendor", "family", "model", "stepping", "modelName", "microcode", "hypervisor", "simdFlags",
            "caches"})
    public record Cpu(String vendor, Integer family, Integer model, Integer stepping, String modelName,
                      String microcode, Boolean hypervisor, String simdFlags, Map<String, String> caches) {
        public Cpu {
            caches = caches == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(caches));
        }
    }

    /**
     * @param vendor   ND4J's name for it ({@code OPENBLAS})
     * @param config   the library's own description ({@code openblas_get_config})
     * @param coreName the kernel family it dispatched to ({@code openblas_get_corename}: Haswell, SkylakeX, Zen,
     *                 Cooperlake, ...), which {@code OPENBLAS_CORETYPE} overrides
     * @param threads  the library's thread count
     */
    @JsonPropertyOrder({"vendor", "config", "coreName", "threads"})
    public record Blas(String vendor, String config, String coreName, Integer threads) {
    }

    /**
     * @param version the version line oneDNN prints with {@code DNNL_VERBOSE=1} ({@code oneDNN v2.3.0 (commit ...)})
     * @param isa     the instruction set it dispatches to, as it prints it; {@code DNNL_MAX_CPU_ISA} caps it
     * @param runtime its threading runtime ({@code OpenMP})
     */
    @JsonPropertyOrder({"version", "isa", "runtime"})
    public record OneDnn(String version, String isa, String runtime) {
    }

    public KernelProvenance {
        // sorted, so that two records of one machine print their variables in one order
        environment = sorted(environment);
        implementations = sorted(implementations);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
