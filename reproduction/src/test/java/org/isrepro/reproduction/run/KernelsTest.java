package org.isrepro.reproduction.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.isrepro.core.testing.SystemProperties;
import org.isrepro.core.testing.Tags;
import org.isrepro.records.KernelProvenance;
import org.isrepro.reproduction.models.LayerNormImplementation;
import org.isrepro.reproduction.models.LstmImplementation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a record says selected its kernels is read from what the system and the libraries report (docs/machines.md). */
@Tag(Tags.FAST)
class KernelsTest {
    @TempDir
    Path tmp;

    @Test
    void theCpuIsTheFirstProcessorOfCpuinfoWithItsVectorFlagsAndCaches() throws IOException {
        Path cpuinfo = tmp.resolve("cpuinfo");
        Files.writeString(cpuinfo, """
                processor	: 0
                vendor_id	: AuthenticAMD
                cpu family	: 26
                model		: 2
                model name	: AMD EPYC
                stepping	: 1
                flags		: fpu sse sse2 ht hypervisor avx2 fma avx512f avx512_bf16 rdrand

                processor	: 1
                vendor_id	: GenuineIntel
                cpu family	: 6
                """);
        Path cache = tmp.resolve("cache");
        for (String[] c : new String[][]{{"index0", "1", "Data", "48K"}, {"index1", "1", "Instruction", "32K"},
                {"index2", "2", "Unified", "1024K"}}) {
            Path d = Files.createDirectories(cache.resolve(c[0]));
            Files.writeString(d.resolve("level"), c[1] + "\n");
            Files.writeString(d.resolve("type"), c[2] + "\n");
            Files.writeString(d.resolve("size"), c[3] + "\n");
        }
        KernelProvenance.Cpu cpu = Kernels.cpu(cpuinfo, cache);
        assertEquals("AuthenticAMD", cpu.vendor());
        assertEquals(26, cpu.family());
        assertEquals(2, cpu.model());
        assertEquals(1, cpu.stepping());
        assertEquals("AMD EPYC", cpu.modelName());
        assertTrue(cpu.hypervisor());
        assertEquals("sse sse2 avx2 fma avx512f avx512_bf16", cpu.simdFlags());
        assertEquals(Map.of("L1d", "48K", "L1i", "32K", "L2", "1024K"), cpu.caches());
    }

    @Test
    void withoutACacheDirectoryTheCachesAreCpuinfosLine() throws IOException {
        Path cpuinfo = tmp.resolve("cpuinfo");
        Files.writeString(cpuinfo, "vendor_id\t: GenuineIntel\ncpu family\t: 6\ncache size\t: 1024 KB\nflags\t\t: avx2\n");
        KernelProvenance.Cpu cpu = Kernels.cpu(cpuinfo, tmp.resolve("no-cache-dir"));
        assertEquals(Map.of("cpuinfo", "1024 KB"), cpu.caches());
        assertFalse(cpu.hypervisor());
    }

    @Test
    void aMachineWithoutCpuinfoHasNoCpuPartRatherThanAGuess() {
        assertNull(Kernels.cpu(tmp.resolve("absent"), tmp.resolve("absent-too")));
    }

    @Test
    void onlyTheVariablesThatSteerThreadsOrKernelsAreRecorded() {
        Map<String, String> env = Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_CORETYPE", "Haswell",
                "DNNL_MAX_CPU_ISA", "AVX2", "MKL_CBWR", "AVX2", "HOME", "/root", "PATH", "/bin");
        assertEquals(Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_CORETYPE", "Haswell", "DNNL_MAX_CPU_ISA", "AVX2",
                "MKL_CBWR", "AVX2"), Kernels.steering(env));
    }

    @Test
    void theLayerImplementationsTheProcessSelectsAreRecorded() {
        // the test JVM sets neither property: the defaults
        assertEquals(Map.of("lstm", "native", "layerNorm", "loops"), Kernels.implementations());
        SystemProperties.with(LstmImplementation.PROPERTY, "DL4J", () -> {
            assertEquals(Map.of("lstm", "dl4j", "layerNorm", "loops"), Kernels.implementations());
            SystemProperties.with(LayerNormImplementation.PROPERTY, "operations", () ->
                    assertEquals(Map.of("lstm", "dl4j", "layerNorm", "operations"), Kernels.implementations()));
        });
    }

    @Test
    void theLoadedNativeBuildIsTheDirectoryLibnd4jcpuCameFrom() {
        assertEquals("linux-x86_64-onednn-avx2", Kernels.nativeBuild(Map.of(
                "openblas@.0", "/c/openblas-0.3.19-1.5.7-linux-x86_64.jar/org/bytedeco/openblas/linux-x86_64/libopenblas.so.0",
                "nd4jcpu", "/c/nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx2.jar/org/nd4j/linalg/cpu/nativecpu/bindings"
                        + "/linux-x86_64-onednn-avx2/libnd4jcpu.so")));
        assertNull(Kernels.nativeBuild(Map.of()));
    }

    @Test
    void oneDnnsVerboseHeaderGivesItsVersionIsaAndRuntime() {
        KernelProvenance.OneDnn d = OneDnnProbe.parse(List.of("HAVE_ONEDNN",
                "dnnl_verbose,info,oneDNN v2.3.0 (commit aec51f92ba9b23c5ed4b6753995f847615f5968a)",
                "dnnl_verbose,info,cpu,runtime:OpenMP",
                "dnnl_verbose,info,cpu,isa:Intel AVX-512 with Intel DL Boost and bfloat16 support",
                "dnnl_verbose,info,gpu,runtime:none",
                "dnnl_verbose,exec,cpu,convolution,brgconv:avx512_core,forward_inference,..."));
        assertNotNull(d);
        assertEquals("oneDNN v2.3.0 (commit aec51f92ba9b23c5ed4b6753995f847615f5968a)", d.version());
        assertEquals("Intel AVX-512 with Intel DL Boost and bfloat16 support", d.isa());
        assertEquals("OpenMP", d.runtime());
        // newer oneDNN prints onednn_verbose
        assertEquals("Intel AVX2", OneDnnProbe.parse(List.of("onednn_verbose,info,oneDNN v3.1.0 (commit x)",
                "onednn_verbose,info,cpu,isa:Intel AVX2")).isa());
    }

    @Test
    void withoutAVersionLineThereIsNoOneDnnPart() {
        assertNull(OneDnnProbe.parse(List.of("HAVE_OPENBLAS", "some log line")));
        assertFalse(Kernels.STEERING_PREFIXES.isEmpty());
    }
}
