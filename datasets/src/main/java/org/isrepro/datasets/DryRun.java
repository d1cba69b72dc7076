package org.isrepro.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.isrepro.datasets.DatasetException.Kind;

/**
 * Dry-run mode (docs/datasets.md, "Dry run"): with {@code ISREPRO_DRY_RUN=N} the paper-scale loaders read the
 * synthetic files that {@code synthetic.SyntheticData} wrote into the data directory and verify each against
 * the manifest written beside them ({@link #MANIFEST}), instead of against the published checksums. Without the
 * variable the manifest is never read, so a real run verifies exactly as before; in dry-run mode a file the
 * manifest does not list, or whose SHA-256 differs from it, fails as CHECKSUM_MISMATCH, and nothing is
 * downloaded.
 */
public final class DryRun {
    public static final String ENV = "ISREPRO_DRY_RUN";
    /** The same as a system property (tests; the environment variable wins when both are set). */
    public static final String PROPERTY = "isrepro.dryRun";
    /** {@code sha256sum} format, paths relative to the data directory. */
    public static final String MANIFEST = "SYNTHETIC-DRY-RUN.sha256";

    private static final Map<Path, Map<String, String>> MANIFESTS = new HashMap<>();

    private DryRun() {}

    /** The iterations per run when dry-run mode is on ({@code ISREPRO_DRY_RUN=N}, N >= 1), else empty. */
    public static OptionalInt iterations() {
        String env = System.getenv(ENV);
        return iterations(env != null && !env.isBlank() ? env : System.getProperty(PROPERTY));
    }

    static OptionalInt iterations(String value) {
        if (value == null || value.isBlank() || value.equals("0")) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(ENV + "='" + value + "': set it to the number of iterations each"
                + " dry-run run trains (a positive integer), or unset it for a real run");
    }

    public static boolean active() {
        return iterations().isPresent();
    }

    /** What every dry-run record and report says. */
    public static String label(int iterations) {
        return "dry run: synthetic data, " + iterations + (iterations == 1 ? " iteration" : " iterations");
    }

    /**
     * Verifies {@code file} against the dry-run manifest of {@code dd}: its SHA-256 must be the one the generator
     * wrote for it. Only called in dry-run mode.
     */
    public static void verify(DataDirectory dd, String dataset, Path file) {
        Map<String, String> manifest = manifest(dd);
        String rel = dd.root().relativize(file.toAbsolutePath().normalize()).toString();
        String expected = manifest.get(rel);
        if (expected == null) {
            throw new DatasetException(Kind.CHECKSUM_MISMATCH, dataset + ": " + file + " is not listed in the"
                    + " dry-run manifest " + dd.root().resolve(MANIFEST) + "; in dry-run mode (" + ENV + ") only"
                    + " the synthetic files written by `make dry-run` are read");
        }
        String got = Sha256.of(file);
        if (!expected.equals(got)) {
            throw new DatasetException(Kind.CHECKSUM_MISMATCH, dataset + ": " + file + " has SHA-256 " + got
                    + ", but the dry-run manifest says " + expected + ": it changed after it was generated;"
                    + " delete " + dd.root() + " and run `make dry-run` again");
        }
    }

    private static synchronized Map<String, String> manifest(DataDirectory dd) {
        return MANIFESTS.computeIfAbsent(dd.root(), root -> {
            Path file = root.resolve(MANIFEST);
            if (!Files.isRegularFile(file)) {
                throw new DatasetException(Kind.MISSING, ENV + " is set but " + root + " holds no synthetic"
                        + " dry-run data (" + file + " is missing): point " + DataDirectory.ENV_DATA + " at the"
                        + " directory `make dry-run` generates, or unset " + ENV + " for a real run");
            }
            Map<String, String> m = new HashMap<>();
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    int sp = line.indexOf("  ");
                    if (sp != 64) {
                        throw new DatasetException(Kind.MALFORMED, file + ": '" + line + "' is not a sha256sum line");
                    }
                    m.put(line.substring(66), line.substring(0, 64));
                }
            } catch (IOException e) {
                throw new DatasetException(Kind.MALFORMED, "cannot read " + file + ": " + e, e);
            }
            return m;
        });
    }
}
