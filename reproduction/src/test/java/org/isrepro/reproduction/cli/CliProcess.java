package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The command line as a user meets it: a separate {@code java} process on the test classpath, one
 * OpenMP thread, warnings on stderr. Output goes to files so that a long run never blocks on a full pipe.
 */
final class CliProcess {
    static final String MAIN = "org.isrepro.reproduction.cli.Main";
    private static final long TIMEOUT_SECONDS = 180;
    private long timeoutSeconds = TIMEOUT_SECONDS;

    /** How one process ended. */
    record Result(List<String> command, int exit, String out, String err) {
        /** The first line a user reads on stderr, skipping ND4J's start-up chatter and log lines. */
        String message() {
            return err.lines().filter(l -> l.startsWith("isrepro:") || l.startsWith("report:")
                    || l.startsWith("datasets:")).findFirst()
                    .orElse(err.lines().filter(l -> !l.isBlank()).findFirst().orElse(""));
        }

        @Override
        public String toString() {
            List<String> shown = command.stream().map(a -> a.length() > 300 ? "<classpath>" : a).toList();
            return "exit " + exit + " of " + shown + "\n--- stderr:\n" + err + "\n--- stdout:\n" + out;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path logs;
    private int count;

    CliProcess(Path logs) {
        this.logs = logs;
        env.put("OMP_NUM_THREADS", "1");
    }

    /** A longer limit for a process that trains paper-scale networks (the default is 180 s). */
    CliProcess timeout(long seconds) {
        timeoutSeconds = seconds;
        return this;
    }

    CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    static Path realDataDir() {
        String d = System.getenv("ISREPRO_DATA");
        return d != null && !d.isBlank() ? Path.of(d) : Path.of(System.getProperty("user.home"), ".cache", "isrepro");
    }

    List<String> command(String main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Disrepro.root=" + System.getProperty("isrepro.root", "."));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        cmd.addAll(List.of(args));
        return cmd;
    }

    Process start(List<String> cmd) {
        count++;
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(logs.resolve(count + ".out").toFile())
                .redirectError(logs.resolve(count + ".err").toFile());
        pb.environment().putAll(env);
        try {
            Files.createDirectories(logs);
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result finish(List<String> cmd, Process p) {
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("no exit within " + timeoutSeconds + " s: " + cmd);
            }
            return new Result(cmd, p.exitValue(), Files.readString(logs.resolve(count + ".out")),
                    Files.readString(logs.resolve(count + ".err")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Result run(String main, String... args) {
        List<String> cmd = command(main, args);
        return finish(cmd, start(cmd));
    }

    Result isrepro(String... args) {
        return run(MAIN, args);
    }

    /** Any process: e.g. bin/isrepro itself. */
    Result exec(List<String> cmd) {
        return finish(cmd, start(cmd));
    }

    /** No half-written file anywhere under {@code dir}: no temporary {@code .part}/{@code .tmp} files. */
    static void assertNoPartialFiles(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> partial = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".part") || n.endsWith(".tmp") || n.contains(".stale-");
            }).toList();
            assertTrue(partial.isEmpty(), "partial files left: " + partial);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular files under {@code dir}, relative, sorted. */
    static List<String> files(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
