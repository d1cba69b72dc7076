package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.isrepro.core.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mk/doctor.sh's GPU checks (make doctor BACKEND=cuda), against a missing driver, a fake nvidia-smi, and the recorded
 * device descriptions under src/test/resources/nvidia-smi (README there).
 */
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

    private Result recorded(String gpu) throws Exception {
        Path root = Path.of(System.getProperty("isrepro.root", "..")).toAbsolutePath().normalize();
        Path fixtures = root.resolve("reproduction/src/test/resources");
        return doctor(Map.of("DOCTOR_NVIDIA_SMI", fixtures.resolve("fake-nvidia-smi.sh").toString(),
                "NVIDIA_SMI_FIXTURE", fixtures.resolve("nvidia-smi").resolve(gpu).toString(),
                "DOCTOR_DRY_RUN", tmp.resolve("no-measurement.json").toString()));
    }

    @Test
    void aK80HasNativeCodeButNoDriverForCudaElevenSixAndTheAdviceSaysSo() throws Exception {
        Result r = recorded("k80");
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("ok       gpu 0: Tesla K80, compute capability 3.7 (from its name: the driver"
                + " cannot report it): nd4j-cuda-11.6 has native code for it (sm_37)"), r.output());
        assertTrue(r.output().contains("PROBLEM  gpu 0: Tesla K80 is a Kepler GPU: its last driver branch (R470)"
                + " supports CUDA 11.4"), r.output());
        assertTrue(r.output().contains("use a Pascal (6.0) or newer GPU"), r.output());
    }

    @Test
    void aP100AndAnA100HaveNativeCodeAndADriverForCudaElevenSix() throws Exception {
        Result p100 = recorded("p100");
        assertTrue(p100.output().contains("ok       gpu: driver 510.47.03 supports CUDA 11.6"), p100.output());
        assertTrue(p100.output().contains("ok       gpu 0: Tesla P100-PCIE-16GB, compute capability 6.0 (reported by"
                + " the driver): nd4j-cuda-11.6 has native code for it (sm_60)"), p100.output());
        Result a100 = recorded("a100");
        assertTrue(a100.output().contains("compute capability 8.0 (reported by the driver): nd4j-cuda-11.6 has"
                + " native code for it (sm_80)"), a100.output());
        for (Result r : List.of(p100, a100)) {
            assertTrue(r.output().lines().filter(l -> l.startsWith("PROBLEM")).allMatch(l -> l.contains("libcudart")),
                    r.output());
        }
    }

    @Test
    void anL4RunsTheSm86CodeOfItsMajorVersion() throws Exception {
        Result r = recorded("l4");
        assertTrue(r.output().contains("ok       gpu 0: NVIDIA L4, compute capability 8.9 (reported by the driver):"
                + " nd4j-cuda-11.6 has no 89-specific code, but its sm_86 code runs on it (same major version)"),
                r.output());
    }

    @Test
    void anH100CannotRunCudaElevenSixCodeAndTheDoctorSaysWhatToUseInstead() throws Exception {
        Result r = recorded("h100");
        assertEquals(1, r.code(), r.output());
        assertTrue(r.output().contains("ok       gpu: driver 550.54.15 supports CUDA 12.4"), r.output());
        assertTrue(r.output().contains("PROBLEM  gpu 0: NVIDIA H100 80GB HBM3, compute capability 9.0 (reported by the"
                + " driver): nd4j-cuda-11.6's native library has code for sm_37, sm_50, sm_52, sm_60, sm_61, sm_70,"
                + " sm_75, sm_80, sm_86 only and no PTX the driver could JIT, so it cannot run here"), r.output());
        assertTrue(r.output().contains("use a GPU of compute capability 3.7 to 8.9 (e.g. A100, L4) or BACKEND=cpu"),
                r.output());
    }

    @Test
    void theDeviceMemoryIsComparedWithTheDryRunsMeasuredPeak() throws Exception {
        Path measured = tmp.resolve("dry-run.json");
        Files.writeString(measured, """
                {"schema": "isrepro.dry-run/1", "label": "dry run: synthetic data, 1 iteration", "experiments": [
                  {"experiment": "wrn-cifar10", "peakResidentBytes": 2147483648, "peakHeapBytes": 1000},
                  {"experiment": "resnet50-mit67", "peakResidentBytes": 25769803776, "peakHeapBytes": 1000}]}
                """);
        Path root = Path.of(System.getProperty("isrepro.root", "..")).toAbsolutePath().normalize();
        Path fixtures = root.resolve("reproduction/src/test/resources");
        Result r = doctor(Map.of("DOCTOR_NVIDIA_SMI", fixtures.resolve("fake-nvidia-smi.sh").toString(),
                "NVIDIA_SMI_FIXTURE", fixtures.resolve("nvidia-smi/l4").toString(),
                "DOCTOR_DRY_RUN", measured.toString()));
        assertTrue(r.output().contains("PROBLEM  gpu 0: NVIDIA L4 has 23034 MiB; the largest paper-scale experiment,"
                + " resnet50-mit67, peaked at a resident set of 24576 MiB in make dry-run (an upper bound); with 1 GiB for the CUDA context and"
                + " cuDNN workspaces it needs about 25600 MiB"), r.output());
        Result a100 = doctor(Map.of("DOCTOR_NVIDIA_SMI", fixtures.resolve("fake-nvidia-smi.sh").toString(),
                "NVIDIA_SMI_FIXTURE", fixtures.resolve("nvidia-smi/a100").toString(),
                "DOCTOR_DRY_RUN", measured.toString()));
        assertTrue(a100.output().contains("ok       gpu 0: NVIDIA A100-SXM4-40GB, 40960 MiB (4 MiB in use); the largest"
                + " paper-scale experiment, resnet50-mit67"), a100.output());
    }

    @Test
    void anA100WithTheRedistributableHasNoProblemLeft() throws Exception {
        Path root = Path.of(System.getProperty("isrepro.root", "..")).toAbsolutePath().normalize();
        Path fixtures = root.resolve("reproduction/src/test/resources");
        Result r = doctor(Map.of("DOCTOR_NVIDIA_SMI", fixtures.resolve("fake-nvidia-smi.sh").toString(),
                "NVIDIA_SMI_FIXTURE", fixtures.resolve("nvidia-smi/a100").toString(), "CUDA_REDIST", "1",
                "DOCTOR_DRY_RUN", tmp.resolve("no-measurement.json").toString()));
        assertEquals(0, r.code(), r.output());
        assertTrue(r.output().contains("ok       gpu: the CUDA 11.6 runtime comes from the redistributable"), r.output());
    }
}
