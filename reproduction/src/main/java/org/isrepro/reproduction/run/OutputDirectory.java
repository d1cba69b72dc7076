package org.isrepro.reproduction.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks, before anything is trained, that results can be written where they go: the directory exists
 * or can be created, and a block can be written to it and forced to disk (a file in the way, a read-only
 * or full file system fail here, not after hours of training).
 */
public final class OutputDirectory {
    private static final int PROBE_BYTES = 4096;

    /** The output directory cannot take results. */
    public static final class NotWritable extends RuntimeException {
        NotWritable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private OutputDirectory() {
    }

    public static void requireWritable(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new NotWritable("cannot write results to " + abs + ": " + p + " is a file, not a directory;"
                        + " nothing was trained", null);
            }
        }
        Path probe = null;
        try {
            Files.createDirectories(abs);
            probe = Files.createTempFile(abs, ".write-probe", ".tmp");
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(PROBE_BYTES));
                ch.force(true);
            }
        } catch (FileAlreadyExistsException e) {
            throw new NotWritable("cannot write results to " + abs + ": " + e.getFile() + " exists and is not a"
                    + " directory; nothing was trained", e);
        } catch (FileSystemException e) {
            throw new NotWritable("cannot write results to " + abs + ": " + (e.getReason() != null ? e.getReason()
                    : e.getClass().getSimpleName()) + " (" + e.getFile() + "); nothing was trained", e);
        } catch (IOException e) {
            throw new NotWritable("cannot write results to " + abs + ": " + e.getMessage() + "; nothing was trained",
                    e);
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // the probe is a hidden, empty-named temporary file; nothing depends on it
                }
            }
        }
    }
}
