package org.isrepro.datasets.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.isrepro.datasets.DatasetException;
import org.isrepro.datasets.DatasetException.Kind;

/**
 * Unpacks tar and tar.gz archives (CIFAR, MIT67) so that a half-extracted tree never appears under
 * its final name: entries go to a temporary directory next to the destination, and each top-level
 * entry is then renamed atomically into place.
 */
public final class Archives {
    private Archives() {}

    /** Extracts {@code archive} (gzip detected from content) into {@code destDir}. */
    public static void extract(String dataset, Path archive, Path destDir) {
        Path tmp = null;
        try {
            Files.createDirectories(destDir);
            tmp = Files.createTempDirectory(destDir, ".extract-");
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
                raw.mark(2);
                boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
                raw.reset();
                try (TarArchiveInputStream tar =
                        new TarArchiveInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw)) {
                    TarArchiveEntry e;
                    while ((e = tar.getNextTarEntry()) != null) {
                        Path out = tmp.resolve(e.getName()).normalize();
                        if (!out.startsWith(tmp)) {
                            throw new DatasetException(Kind.MALFORMED,
                                    dataset + ": " + archive + " holds an entry outside its root: " + e.getName());
                        }
                        if (e.isDirectory()) {
                            Files.createDirectories(out);
                        } else if (e.isFile()) {
                            Files.createDirectories(out.getParent());
                            Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            try (Stream<Path> top = Files.list(tmp)) {
                for (Path p : (Iterable<Path>) top::iterator) {
                    Path target = destDir.resolve(p.getFileName().toString());
                    if (Files.exists(target)) {
                        deleteTree(target);
                    }
                    Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new DatasetException(Kind.TRUNCATED, dataset + ": cannot extract " + archive + " ("
                    + e + "). The archive is truncated or corrupt: delete it and download it again.", e);
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp directory has a dot-name and is never read as data
                }
            });
        } catch (IOException ignored) {
            // same as above
        }
    }
}
