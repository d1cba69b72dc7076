package org.isrepro.reproduction.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Loader;
import org.isrepro.records.KernelProvenance;
import org.isrepro.reproduction.models.LayerNormImplementation;
import org.isrepro.reproduction.models.LstmImplementation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's {@link KernelProvenance}: what chose the kernels that computed its numbers (docs/machines.md).
 * Every part is asked of the library that makes the choice, not inferred: the CPU as the kernel reports it, the
 * libnd4jcpu JavaCPP loaded, OpenBLAS's {@code openblas_get_corename}, oneDNN's own verbose header
 * ({@link OneDnnProbe}). Anything that cannot be determined is null, never a guess.
 */
public final class Kernels {
    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
    private static final Pattern CLASSIFIER = Pattern.compile("bindings/([^/]+)/libnd4jcpu\\.so");
    /** Environment variables that steer threads or kernel choice in OpenMP, oneDNN, OpenBLAS and MKL. */
    static final List<String> STEERING_PREFIXES = List.of("OMP_", "DNNL_", "ONEDNN_", "MKLDNN_", "OPENBLAS_",
            "GOTO_", "MKL_", "KMP_");
    private static final Pattern SIMD = Pattern.compile("^(sse.*|ssse3|avx.*|fma.*|f16c|amx.*|vaes|vpclmulqdq|gfni"
            + "|xop|sse4a|bmi.*)$");

    private static KernelProvenance cached;

    private Kernels() {
    }

    /** Collected once per process (nothing in it changes while a process runs); loads ND4J. */
    public static synchronized KernelProvenance collect() {
        if (cached == null) {
            Nd4j.create(1); // the backend and its native libraries are loaded from here on
            Map<String, String> libraries = new TreeMap<>(Loader.getLoadedLibraries());
            String build = nativeBuild(libraries);
            cached = new KernelProvenance(cpu(Path.of("/proc/cpuinfo"), Path.of("/sys/devices/system/cpu/cpu0/cache")),
                    build, buildInfo(), blas(libraries),
                    build != null && build.contains("onednn") ? OneDnnProbe.describe() : null,
                    steering(System.getenv()),
                    implementations());
        }
        return cached;
    }

    static String nativeBuild(Map<String, String> libraries) {
        for (String path : libraries.values()) {
            Matcher m = CLASSIFIER.matcher(path == null ? "" : path);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static String buildInfo() {
        try {
            String info = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            return info == null ? null : Arrays.stream(info.split("\n")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.joining("; "));
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** The harness's choice between implementations of one layer, as this process makes it. */
    static Map<String, String> implementations() {
        return Map.of("lstm", LstmImplementation.selected().name().toLowerCase(Locale.ROOT),
                "layerNorm", LayerNormImplementation.selected().name().toLowerCase(Locale.ROOT));
    }

    /** The variables of {@link #STEERING_PREFIXES} that are set, with their values. */
    static Map<String, String> steering(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> {
            if (STEERING_PREFIXES.stream().anyMatch(k::startsWith)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The first processor of {@code cpuinfo} and the caches of {@code cacheDir}; null where they do not exist. */
    static KernelProvenance.Cpu cpu(Path cpuinfo, Path cacheDir) {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.isBlank()) {
                    break; // the first processor is enough: all cores of a machine dispatch alike
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            return null;
        }
        List<String> flags = Arrays.asList(fields.getOrDefault("flags", "").split("\\s+"));
        String simd = flags.stream().filter(f -> SIMD.matcher(f).matches()).collect(Collectors.joining(" "));
        Map<String, String> caches = caches(cacheDir);
        if (caches == null && fields.containsKey("cache size")) {
            // some hypervisors expose no cache directory; cpuinfo's one line is then all there is
            caches = Map.of("cpuinfo", fields.get("cache size"));
        }
        return new KernelProvenance.Cpu(fields.get("vendor_id"), integer(fields.get("cpu family")),
                integer(fields.get("model")), integer(fields.get("stepping")), fields.get("model name"),
                fields.get("microcode"), fields.containsKey("flags") ? flags.contains("hypervisor") : null,
                simd.isEmpty() ? null : simd, caches);
    }

    private static Map<String, String> caches(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (var entries = Files.list(dir)) {
            for (Path index : entries.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
                String level = read(index.resolve("level"));
                String type = read(index.resolve("type"));
                String size = read(index.resolve("size"));
                if (level != null && size != null) {
                    String suffix = "Data".equals(type) ? "d" : "Instruction".equals(type) ? "i" : "";
                    out.put("L" + level + suffix, size);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return out.isEmpty() ? null : out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * ND4J's BLAS, and when it is OpenBLAS, what the loaded library says of itself. OpenBLAS is asked through JNA
     * (already on ND4J's class path) by the path JavaCPP loaded it from, so it is the same library instance.
     */
    private static KernelProvenance.Blas blas(Map<String, String> libraries) {
        String vendor = null;
        try {
            Object v = Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor");
            vendor = v == null ? null : v.toString();
        } catch (RuntimeException e) {
            LOG.debug("no BLAS vendor from ND4J: {}", e.getMessage());
        }
        String path = libraries.entrySet().stream().filter(e -> e.getKey().startsWith("openblas_nolapack@"))
                .map(Map.Entry::getValue).findFirst()
                .orElse(libraries.entrySet().stream().filter(e -> e.getKey().startsWith("openblas@"))
                        .map(Map.Entry::getValue).findFirst().orElse(null));
        String config = null;
        String core = null;
        Integer threads = null;
        if (path != null) {
            try {
                com.sun.jna.NativeLibrary lib = com.sun.jna.NativeLibrary.getInstance(path);
                config = lib.getFunction("openblas_get_config").invokeString(new Object[0], false);
                core = lib.getFunction("openblas_get_corename").invokeString(new Object[0], false);
                threads = lib.getFunction("openblas_get_num_threads").invokeInt(new Object[0]);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("could not ask OpenBLAS at {} which kernels it uses: {}", path, e.getMessage());
            }
        }
        return new KernelProvenance.Blas(vendor, config, core, threads);
    }
}
