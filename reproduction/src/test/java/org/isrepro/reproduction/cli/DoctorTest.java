package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mk/doctor.sh's GPU checks (make doctor BACKEND=cuda), against a missing driver and a fake nvidia-smi. */
@Tag(Tags.FAST)
class DoctorTest {
    @TempDir
    Path tmp;

    record Result(int code, String output) {
    }

    private Result doctor(Map<String, String> env) throws Exception {
        Path root = Path.of(System.getProperty("isrepro.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("mk/doctor.sh").toString())
                .redirectErrorStream(true);
        pb.environment().putAll(Map.of("SCALE", "paper", "BACKEND", "cuda", "DOCTOR_CHECKS", "gpu"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        return new Result(p.exitValue(), out);
    }

    @Test
    void cudaBackendWithoutAnNvidiaDriverIsOneProblemAndExitsNonZero() throws Exception {
        Result r = doctor(Map.of("DOCTOR_NVIDIA_SMI", tmp.resolve("absent-nvidia-smi").toString(),
                "DOCTOR_PROC_NVIDIA", tmp.resolve("absent-version").toString()));
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("PROBLEM  gpu: no NVIDIA driver here"), r.output());
        assertTrue(r.output().contains("use BACKEND=cpu"), r.output());
        assertEquals(1, r.output().lines().filter(l -> l.startsWith("PROBLEM")).count(), r.output());
    }

    @Test
    void aDriverForCudaOlderThanElevenSixAndASmallGpuAreEachAProblemWithWhatToDo() throws Exception {
        Path smi = tmp.resolve("nvidia-smi");
        Files.writeString(smi, """
                #!/bin/bash
                case "$*" in
                  *driver_version*) echo "470.82.01" ;;
                  *memory.total*) echo "0, Tesla K80, 4096, 3000" ;;
                  *) echo "| NVIDIA-SMI 470.82.01    Driver Version: 470.82.01    CUDA Version: 11.4     |" ;;
                esac
                """);
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result r = doctor(Map.of("DOCTOR_NVIDIA_SMI", smi.toString()));
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("PROBLEM  gpu: driver 470.82.01 supports CUDA 11.4 only; nd4j-cuda-11.6 needs "
                + ">= 11.6: upgrade the driver to >= 510.39.01"), r.output());
        assertTrue(r.output().contains("PROBLEM  gpu 0: Tesla K80 has 4096 MiB"), r.output());
        assertTrue(r.output().contains("PROBLEM  gpu 0: 3000 of 4096 MiB already in use"), r.output());
    }

    @Test
    void aRecentDriverAndALargeIdleGpuPassTheDriverAndMemoryChecks() throws Exception {
        Path smi = tmp.resolve("nvidia-smi");
        Files.writeString(smi, """
                #!/bin/bash
                case "$*" in
                  *driver_version*) echo "535.104.05" ;;
                  *memory.total*) echo "0, NVIDIA A100-SXM4-40GB, 40960, 4" ;;
                  *) echo "| NVIDIA-SMI 535.104.05   Driver Version: 535.104.05   CUDA Version: 12.2     |" ;;
                esac
                """);
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result r = doctor(Map.of("DOCTOR_NVIDIA_SMI", smi.toString()));
        assertTrue(r.output().contains("ok       gpu: driver 535.104.05 supports CUDA 12.2"), r.output());
        assertTrue(r.output().contains("ok       gpu 0: NVIDIA A100-SXM4-40GB, 40960 MiB (4 MiB in use)"), r.output());
    }
}
