package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mk/openblas-core.sh, the OpenBLAS core type that bin/isrepro and the Makefile pin (docs/machines.md): one kernel
 * family for Intel and AMD processors with AVX2 and FMA, whatever OpenBLAS 0.3.19's cpuid tables call them.
 */
@Tag(Tags.FAST)
class OpenBlasCoreTest {
    @TempDir
    Path tmp;

    private String core(String flags) throws Exception {
        Path cpuinfo = tmp.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nflags\t\t: " + flags
                + "\n\nprocessor\t: 1\nflags\t\t: fpu avx2 fma\n");
        Path root = Path.of(System.getProperty("isrepro.root", "..")).toAbsolutePath().normalize();
        Process p = new ProcessBuilder("bash", root.resolve("mk/openblas-core.sh").toString(), cpuinfo.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void zen5AndAvx512XeonsGetTheSameHaswellKernels() throws Exception {
        assertEquals("Haswell", core("fpu sse2 fma avx2 avx512f avx512_bf16 avx512_vp2intersect hypervisor"));
        assertEquals("Haswell", core("fpu sse2 fma avx2 avx512f avx512bw avx512vl avx512_vnni"));
    }

    @Test
    void aProcessorWithoutAvx2OrFmaIsLeftToOpenBlas() throws Exception {
        assertEquals("", core("fpu sse2 sse4_2 avx"));
        assertEquals("", core("fpu sse2 avx avx2"));
    }
}
