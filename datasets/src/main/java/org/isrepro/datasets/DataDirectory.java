package org.isrepro.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Objects;

/**
 * Where datasets live: {@code $ISREPRO_DATA} if set, else {@code ~/.cache/isrepro}. One
 * sub-directory per dataset ({@code fashion-mnist/}, {@code cifar-10/}, ...). Also controls whether
 * missing data may be downloaded ({@code ISREPRO_OFFLINE=1} forbids it).
 */
public final class DataDirectory {
    public static final String ENV_DATA = "ISREPRO_DATA";
    public static final String ENV_OFFLINE = "ISREPRO_OFFLINE";

    private final Path root;
    private final boolean offline;

    private DataDirectory(Path root, boolean offline) {
        this.root = root.toAbsolutePath().normalize();
        this.offline = offline;
    }

    /**
     * Resolved from the process environment. A path that exists but is not a directory is refused at once:
     * otherwise loaders would fall back to Debian's copies and train without a word about it.
     */
    public static DataDirectory fromEnvironment() {
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    static DataDirectory fromEnvironment(Map<String, String> env, String userHome) {
        String dir = env.get(ENV_DATA);
        Path root =
                dir != null && !dir.isBlank()
                        ? Paths.get(dir)
                        : Paths.get(Objects.requireNonNull(userHome, "user.home"), ".cache", "isrepro");
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new DatasetException(DatasetException.Kind.MISSING, "the data directory " + root.toAbsolutePath()
                    + (dir != null && !dir.isBlank() ? " (" + ENV_DATA + ")" : "") + " is a file, not a directory: set "
                    + ENV_DATA + " to a directory (docs/datasets.md)");
        }
        String off = env.getOrDefault(ENV_OFFLINE, "");
        // a dry run reads only the synthetic files it generated (DryRun): nothing is ever downloaded
        boolean dryRun = DryRun.iterations(env.get(DryRun.ENV)).isPresent() || DryRun.active();
        return new DataDirectory(root, off.equals("1") || off.equalsIgnoreCase("true") || dryRun);
    }

    public static DataDirectory of(Path root) {
        return new DataDirectory(root, false);
    }

    public DataDirectory offline(boolean value) {
        return new DataDirectory(root, value);
    }

    public Path root() {
        return root;
    }

    /** The directory of one dataset, e.g. {@code root/fashion-mnist}. */
    public Path dir(String dataset) {
        return root.resolve(dataset);
    }

    /** True when downloads are forbidden ({@code ISREPRO_OFFLINE=1}). */
    public boolean offline() {
        return offline;
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
