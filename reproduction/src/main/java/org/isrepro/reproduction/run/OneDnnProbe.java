package org.isrepro.reproduction.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.isrepro.core.model.NativeDefaults;
import org.isrepro.records.KernelProvenance;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * oneDNN's version and the instruction set it dispatches to, as oneDNN itself prints them. oneDNN reports them
 * only in its verbose header ({@code DNNL_VERBOSE=1}), which it reads from the environment once per process and
 * which, once on, logs every primitive: so a child JVM ({@link #main}) runs one oneDNN convolution with verbose
 * on, and {@link #describe()} parses its header. The answer depends only on the processor, the native build
 * and the {@code DNNL_*} variables, so it is kept in a small file in the temporary directory under a key of
 * those, and a matrix of runs pays for the child once.
 */
public final class OneDnnProbe {
    private static final Logger LOG = LoggerFactory.getLogger(OneDnnProbe.class);
    static final String VERSION = ",info,oneDNN v";
    static final String ISA = ",info,cpu,isa:";
    static final String RUNTIME = ",info,cpu,runtime:";

    static {
        NativeDefaults.apply(); // the helpers on, as in a run
    }

    private OneDnnProbe() {
    }

    /** Child side: one small oneDNN convolution, so that oneDNN prints its header to stdout. */
    public static void main(String[] args) {
        INDArray in = Nd4j.rand(DataType.FLOAT, 2, 16, 8, 8);
        INDArray w = Nd4j.rand(DataType.FLOAT, 3, 3, 16, 16);
        Nd4j.cnn().conv2d(in, w, Conv2DConfig.builder().kH(3).kW(3).build());
    }

    /** oneDNN as it reports itself here, or null when the child could not say (logged). */
    public static KernelProvenance.OneDnn describe() {
        Path cache = cacheFile();
        if (cache != null && Files.isRegularFile(cache)) {
            try {
                KernelProvenance.OneDnn cached = parse(Files.readAllLines(cache, StandardCharsets.UTF_8));
                if (cached != null) {
                    return cached;
                }
            } catch (IOException e) {
                LOG.debug("unreadable oneDNN probe cache {}: {}", cache, e.getMessage());
            }
        }
        List<String> lines = runChild();
        KernelProvenance.OneDnn found = parse(lines);
        if (found == null) {
            LOG.warn("oneDNN did not report its version and ISA (DNNL_VERBOSE=1 in a child JVM); provenance leaves"
                    + " them empty");
            return null;
        }
        if (cache != null) {
            try {
                Path tmp = Files.createTempFile(cache.getParent(), cache.getFileName().toString(), ".part");
                Files.write(tmp, lines.stream().filter(l -> l.contains(",info,")).toList(), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                LOG.debug("could not keep the oneDNN probe in {}: {}", cache, e.getMessage());
            }
        }
        return found;
    }

    /** The header lines oneDNN prints (prefix {@code dnnl_verbose} or {@code onednn_verbose}); null without a version. */
    static KernelProvenance.OneDnn parse(List<String> lines) {
        String version = null;
        String isa = null;
        String runtime = null;
        for (String line : lines) {
            if (version == null && line.contains(VERSION)) {
                version = line.substring(line.indexOf(VERSION) + ",info,".length()).trim();
            } else if (isa == null && line.contains(ISA)) {
                isa = line.substring(line.indexOf(ISA) + ISA.length()).trim();
            } else if (runtime == null && line.contains(RUNTIME)) {
                runtime = line.substring(line.indexOf(RUNTIME) + RUNTIME.length()).trim();
            }
        }
        return version == null ? null : new KernelProvenance.OneDnn(version, isa, runtime);
    }

    private static List<String> runChild() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path")));
        for (String prop : NativeDefaults.PROPERTIES) {
            if (System.getProperty(prop) != null) {
                cmd.add("-D" + prop + "=" + System.getProperty(prop));
            }
        }
        cmd.add(OneDnnProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("DNNL_VERBOSE", "1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return List.of(new String(out, StandardCharsets.UTF_8).split("\n"));
        } catch (IOException e) {
            LOG.warn("could not start the oneDNN probe: {}", e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * The cache file for this processor, class path and {@code DNNL_*}/{@code ONEDNN_*} environment: oneDNN's
     * answer depends on nothing else.
     */
    private static Path cacheFile() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String cpu = Files.exists(Path.of("/proc/cpuinfo"))
                    ? String.join("\n", Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .takeWhile(l -> !l.isBlank()).filter(l -> !l.startsWith("cpu MHz") && !l.startsWith("bogomips"))
                    .toList()) : System.getProperty("os.arch");
            sha.update(cpu.getBytes(StandardCharsets.UTF_8));
            sha.update(System.getProperty("java.class.path").getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(System.getenv()).entrySet()) {
                if (e.getKey().startsWith("DNNL_") || e.getKey().startsWith("ONEDNN_")) {
                    sha.update((e.getKey() + "=" + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            String key = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "isrepro-onednn");
            Files.createDirectories(dir);
            return dir.resolve(key + ".txt");
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
