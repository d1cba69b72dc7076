package org.isrepro.records;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: the code (commit, uncommitted changes), the ND4J backend and its threads, the machine,
 * library versions, the data's checksums and when it ran. The same fields in every result file, assembled once by
 * {@link #collect}; a writer supplies only what it alone knows (the backend it loaded, the data it read).
 *
 * @param backend       the simple class name of ND4J's backend ({@code CpuBackend}, {@code JCublasBackend})
 * @param threads       absent in files written before it was recorded
 * @param kernels       what selected the numeric kernels (docs/machines.md); absent in files written before it was
 *                      recorded and where the writer loads no ND4J
 * @param finishedAt    absent while a result is being produced and in the reviewer checks
 * @param resumedCount  how many times a run was resumed from its checkpoint (run records only)
 * @param framework     which framework trained: {@link Frameworks}; absent in files written before it was recorded,
 *                      which DL4J wrote ({@link Frameworks#of})
 */
@JsonPropertyOrder({"gitCommit", "gitDirty", "backend", "nd4jBackendArtifact", "onednnLayers", "cpu", "gpu", "cores",
        "threads", "kernels", "dl4jVersion", "isreproVersion", "jvm", "os", "datasetChecksums", "startedAt", "finishedAt",
        "resumedCount", "framework"})
public record Provenance(String gitCommit, Boolean gitDirty, String backend, String nd4jBackendArtifact,
                         @JsonInclude(NON_NULL) Boolean onednnLayers, String cpu,
                         String gpu, Integer cores, @JsonInclude(NON_NULL) Threads threads,
                         @JsonInclude(NON_NULL) KernelProvenance kernels, String dl4jVersion,
                         String isreproVersion, String jvm, String os,
                         @JsonInclude(NON_NULL) Map<String, String> datasetChecksums, String startedAt,
                         @JsonInclude(NON_NULL) String finishedAt, @JsonInclude(NON_NULL) Integer resumedCount,
                         @JsonInclude(NON_NULL) String framework) {

    public Provenance {
        if (framework != null && !Frameworks.KNOWN.contains(framework)) {
            throw new IllegalArgumentException("provenance.framework '" + framework + "' (expected one of "
                    + new TreeSet<>(Frameworks.KNOWN) + ")");
        }
    }

    /** Without a framework: a file of the fields recorded before it. */
    public Provenance(String gitCommit, Boolean gitDirty, String backend, String nd4jBackendArtifact,
                      Boolean onednnLayers, String cpu, String gpu, Integer cores, Threads threads, String dl4jVersion,
                      String isreproVersion, String jvm, String os, Map<String, String> datasetChecksums,
                      String startedAt, String finishedAt, Integer resumedCount) {
        this(gitCommit, gitDirty, backend, nd4jBackendArtifact, onednnLayers, cpu, gpu, cores, threads, null, dl4jVersion,
                isreproVersion, jvm, os, datasetChecksums, startedAt, finishedAt, resumedCount, null);
    }

    /** Without a framework, with kernels: DL4J's writers before the framework was recorded. */
    public Provenance(String gitCommit, Boolean gitDirty, String backend, String nd4jBackendArtifact,
                      Boolean onednnLayers, String cpu, String gpu, Integer cores, Threads threads,
                      KernelProvenance kernels, String dl4jVersion, String isreproVersion, String jvm, String os,
                      Map<String, String> datasetChecksums, String startedAt, String finishedAt, Integer resumedCount) {
        this(gitCommit, gitDirty, backend, nd4jBackendArtifact, onednnLayers, cpu, gpu, cores, threads, kernels, dl4jVersion,
                isreproVersion, jvm, os, datasetChecksums, startedAt, finishedAt, resumedCount, null);
    }

    /**
     * ND4J's OpenMP/BLAS threads. Records are identical only at the same thread count (docs/records.md,
     * "Determinism"): a parallel sum adds in an order that depends on how the work is split.
     *
     * @param nd4jThreads   the threads ND4J uses, when known
     * @param ompNumThreads the {@code OMP_NUM_THREADS} environment variable, null when unset
     */
    public record Threads(Integer nd4jThreads, String ompNumThreads, String identicalRecordsNeed) {
        public static final String IDENTICAL_RECORDS_NEED =
                "the same seed, configuration, backend, native build and nd4jThreads";

        public static Threads of(Integer nd4jThreads) {
            return new Threads(nd4jThreads, System.getenv("OMP_NUM_THREADS"), IDENTICAL_RECORDS_NEED);
        }
    }

    /**
     * What only the writer knows: the backend it loaded, the versions it was built with and what selected its
     * kernels (null when unknown).
     */
    public record Backend(String backend, String nd4jBackendArtifact, Boolean onednnLayers, String dl4jVersion,
                          String isreproVersion, Threads threads, KernelProvenance kernels) {
        public Backend(String backend, String nd4jBackendArtifact, Boolean onednnLayers, String dl4jVersion,
                       String isreproVersion, Threads threads) {
            this(backend, nd4jBackendArtifact, onednnLayers, dl4jVersion, isreproVersion, threads, null);
        }
    }

    /** This process's provenance, started now; git is asked in {@code repository}. */
    public static Provenance collect(Path repository, Backend b, Map<String, String> datasetChecksums) {
        String commit = git(repository, "rev-parse", "HEAD");
        String status = git(repository, "status", "--porcelain", "--untracked-files=no");
        return new Provenance(commit == null ? "unknown" : commit, status == null ? null : !status.isBlank(),
                b.backend(), b.nd4jBackendArtifact(), b.onednnLayers(), cpuModel(), System.getenv("CUDA_VISIBLE_DEVICES"),
                Runtime.getRuntime().availableProcessors(), b.threads(), b.kernels(), b.dl4jVersion(), b.isreproVersion(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                datasetChecksums == null ? null : Map.copyOf(datasetChecksums), Instant.now().toString(), null, null,
                Frameworks.DL4J);
    }

    /** The repository whose commit is recorded: {@code -Disrepro.root}, else the working directory. */
    public static Path repository() {
        return Path.of(System.getProperty("isrepro.root", "."));
    }

    public Provenance finished(String at) {
        return new Provenance(gitCommit, gitDirty, backend, nd4jBackendArtifact, onednnLayers, cpu, gpu, cores, threads,
                kernels, dl4jVersion, isreproVersion, jvm, os, datasetChecksums, startedAt, at, resumedCount, framework);
    }

    public Provenance resumed(int count) {
        return new Provenance(gitCommit, gitDirty, backend, nd4jBackendArtifact, onednnLayers, cpu, gpu, cores, threads,
                kernels, dl4jVersion, isreproVersion, jvm, os, datasetChecksums, startedAt, finishedAt, count, framework);
    }

    /** Version 1 of every file kind spelled the thread variable as the environment does. */
    static void liftThreadsFromV1(ObjectNode file) {
        if (file.path("provenance").path("threads") instanceof ObjectNode t && t.has("OMP_NUM_THREADS")) {
            t.set("ompNumThreads", t.remove("OMP_NUM_THREADS"));
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux: the architecture is what we can say
        }
        return System.getProperty("os.arch");
    }

    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
