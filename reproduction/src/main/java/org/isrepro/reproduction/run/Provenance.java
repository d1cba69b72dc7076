package org.isrepro.reproduction.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;

/** Where a result came from: code version, backend, machine, library versions, data checksums. */
public final class Provenance {
    private Provenance() {
    }

    public static Map<String, Object> collect(Map<String, String> datasetChecksums) {
        Map<String, Object> p = new LinkedHashMap<>();
        Path root = Path.of(System.getProperty("isrepro.root", "."));
        String commit = git(root, "rev-parse", "HEAD");
        p.put("gitCommit", commit == null ? "unknown" : commit);
        String status = git(root, "status", "--porcelain", "--untracked-files=no");
        p.put("gitDirty", status == null ? null : !status.isBlank());
        Properties build = buildProperties();
        p.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        p.put("nd4jBackendArtifact", build.getProperty("nd4j.backend"));
        p.put("onednnLayers", org.isrepro.core.model.OneDnn.active());
        p.put("cpu", cpuModel());
        p.put("gpu", System.getenv("CUDA_VISIBLE_DEVICES") == null ? null : System.getenv("CUDA_VISIBLE_DEVICES"));
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.put("threads", threads());
        p.put("dl4jVersion", build.getProperty("dl4j.version"));
        p.put("isreproVersion", build.getProperty("project.version"));
        p.put("jvm", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("datasetChecksums", datasetChecksums);
        p.put("startedAt", Instant.now().toString());
        return p;
    }

    /**
     * ND4J's OpenMP/BLAS threads. Records are identical only at the same thread count (docs/records.md,
     * "Determinism"): a parallel sum adds in an order that depends on how the work is split.
     */
    public static Map<String, Object> threads() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("nd4jThreads", Nd4j.getEnvironment().maxThreads());
        t.put("OMP_NUM_THREADS", System.getenv("OMP_NUM_THREADS"));
        t.put("identicalRecordsNeed", "the same seed, configuration, backend, native build and nd4jThreads");
        return t;
    }

    private static Properties buildProperties() {
        Properties props = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/isrepro.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException ignored) {
            // provenance then says null for the versions rather than failing a run
        }
        return props;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String git(Path dir, String... args) {
        try {
            String[] cmd = new String[args.length + 3];
            cmd[0] = "git";
            cmd[1] = "-C";
            cmd[2] = dir.toString();
            System.arraycopy(args, 0, cmd, 3, args.length);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }
}
