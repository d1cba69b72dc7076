package org.isrepro.reproduction.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process per run: a file {@code <run>.lock} next to the checkpoint holding {@code pid@host}, created
 * atomically (written under a temporary name, then hard-linked to the lock's name, which fails if the
 * lock exists). A lock whose process is dead on this host is stale and taken over with a warning; a lock
 * of another host cannot be checked and is refused with the file to delete.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    /** Another process holds the run. */
    public static final class Held extends RuntimeException {
        Held(String message) {
            super(message);
        }
    }

    private final Path file;
    private final String owner;
    private final Thread releaseOnExit;

    private RunLock(Path file, String owner) {
        this.file = file;
        this.owner = owner;
        this.releaseOnExit = new Thread(this::release, "isrepro-unlock");
        Runtime.getRuntime().addShutdownHook(releaseOnExit);
    }

    /** This process as {@code pid@host}. */
    public static String self() {
        return ProcessHandle.current().pid() + "@" + host();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String h = System.getenv("HOSTNAME");
            return h == null ? "unknown-host" : h;
        }
    }

    public static RunLock acquire(Path file, String runName) {
        String me = self();
        for (int attempt = 0; attempt < 2; attempt++) {
            if (tryCreate(file, me)) {
                return new RunLock(file, me);
            }
            String holder = read(file);
            if (holder == null) {
                continue;
            }
            if (isStale(holder)) {
                LOG.warn("{}: taking over the stale lock {} of process {}, which is no longer running", runName,
                        file, holder);
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the stale lock " + file + ": " + e.getMessage(), e);
                }
                continue;
            }
            throw new Held(runName + " is already running in process " + holder + " (lock " + file
                    + "); wait for it to finish, or delete the lock if that process is gone");
        }
        throw new Held(runName + ": could not take the lock " + file + "; another process is racing for it");
    }

    private static boolean tryCreate(Path file, String content) {
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
            Files.writeString(tmp, content + "\n");
            try {
                Files.createLink(file, tmp);
            } catch (UnsupportedOperationException e) {
                // no hard links: create-new is atomic too, only the content follows a moment later
                Files.write(file, (content + "\n").getBytes(StandardCharsets.UTF_8),
                        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary lock file is harmless
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Dead on this host; a lock of another host, or one that does not parse, is never taken as stale. */
    private static boolean isStale(String holder) {
        int at = holder.indexOf('@');
        if (at <= 0 || !holder.substring(at + 1).equals(host())) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.substring(0, at));
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Deletes the lock if it is still this process's. */
    private synchronized void release() {
        if (owner.equals(read(file))) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not delete the lock {}: {}", file, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(releaseOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
