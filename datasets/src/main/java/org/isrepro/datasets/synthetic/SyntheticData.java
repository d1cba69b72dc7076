package org.isrepro.datasets.synthetic;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.ResNet50;
import org.isrepro.datasets.Catalog;
import org.isrepro.datasets.DryRun;
import org.isrepro.datasets.Sha256;
import org.isrepro.datasets.pretrained.PretrainedWeights;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Writes synthetic datasets in the real on-disk formats into a data directory, for a dry run of the paper scale
 * (docs/datasets.md, "Dry run"): the CIFAR-10 and CIFAR-100 binary archives laid out as the originals (fewer
 * records per batch), an MIT67 image tree with 67 class directories and its two split lists, the four MNIST idx
 * files (gzipped), and a ResNet-50 weight archive in deeplearning4j-zoo's format (a ModelSerializer zip of a
 * {@code ComputationGraph}) with random weights, whose head has the vertex names of the Keras-converted ImageNet
 * graph ({@code flatten_1} with 2048 features, {@code fc1000}). Last, the manifest {@link DryRun#MANIFEST} lists
 * every file's SHA-256: in dry-run mode the loaders verify against it. Pixels and labels are random (seeded);
 * nothing here is evidence of anything.
 */
public final class SyntheticData {
    /** Sizes: records per CIFAR-10 batch file (the originals have 10,000), images per split, per class. */
    public record Sizes(int cifarPerBatch, int cifarTest, int mnistTrain, int mnistTest, int mit67TrainPerClass,
                        int mit67TestPerClass, boolean resnet50) {
        /** Enough for the paper's B (at most 640) and a class-stratified 10% validation split of each (5 MIT67 images per class round to 1). */
        public static final Sizes DRY_RUN = new Sizes(200, 200, 1_200, 200, 5, 1, true);
    }

    private final Path root;
    private final SplittableRandom rng;
    private final TreeMap<String, String> manifest = new TreeMap<>();

    private SyntheticData(Path root, long seed) {
        this.root = root.toAbsolutePath().normalize();
        this.rng = new SplittableRandom(seed);
    }

    /** Writes every dataset of {@code sizes} into {@code root} and the manifest last; returns the manifest's path. */
    public static Path write(Path root, Sizes sizes, long seed) {
        SyntheticData d = new SyntheticData(root, seed);
        try {
            Files.createDirectories(d.root);
            d.cifar10(sizes);
            d.cifar100(sizes);
            d.mnist(sizes);
            d.mit67(sizes);
            if (sizes.resnet50()) {
                d.resnet50();
            }
            return d.writeManifest();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic data into " + root + ": " + e.getMessage(), e);
        }
    }

    private void cifar10(Sizes s) throws IOException {
        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        String dir = Catalog.CIFAR10_FILES.extractedDir() + "/";
        for (String f : Catalog.CIFAR10_FILES.trainFiles()) {
            names.add(dir + f);
            contents.add(cifarRecords(s.cifarPerBatch(), false));
        }
        names.add(dir + "test_batch.bin");
        contents.add(cifarRecords(s.cifarTest(), false));
        names.add(dir + "batches.meta.txt");
        contents.add(String.join("\n", List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
                "horse", "ship", "truck")).getBytes(StandardCharsets.UTF_8));
        store(Catalog.CIFAR10 + "/" + Catalog.CIFAR10_FILES.archive().fileName(), tar(names, contents, true));
    }

    private void cifar100(Sizes s) throws IOException {
        Catalog.CifarSet set = Catalog.cifar100Files(false);
        String dir = set.extractedDir() + "/";
        store(Catalog.CIFAR100 + "/" + set.archive().fileName(), tar(
                List.of(dir + "train.bin", dir + "test.bin"),
                List.of(cifarRecords(5 * s.cifarPerBatch(), true), cifarRecords(s.cifarTest(), true)), true));
    }

    /** Label byte(s), then 3072 pixel bytes (R, G, B planes of 32x32), as the CIFAR binary version. */
    private byte[] cifarRecords(int n, boolean hundred) {
        int header = hundred ? 2 : 1;
        byte[] out = new byte[n * (header + 3072)];
        for (int i = 0; i < n; i++) {
            int o = i * (header + 3072);
            if (hundred) {
                int fine = rng.nextInt(100);
                out[o] = (byte) (fine / 5); // coarse label: any of the 20 superclasses
                out[o + 1] = (byte) fine;
            } else {
                out[o] = (byte) rng.nextInt(10);
            }
            for (int p = 0; p < 3072; p++) {
                out[o + header + p] = (byte) rng.nextInt(256);
            }
        }
        return out;
    }

    private void mnist(Sizes s) throws IOException {
        String[] names = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz"};
        int[] counts = {s.mnistTrain(), s.mnistTest()};
        for (int k = 0; k < 2; k++) {
            int n = counts[k];
            ByteBuffer img = ByteBuffer.allocate(16 + n * 784).putInt(0x00000803).putInt(n).putInt(28).putInt(28);
            ByteBuffer lbl = ByteBuffer.allocate(8 + n).putInt(0x00000801).putInt(n);
            for (int i = 0; i < n; i++) {
                lbl.put((byte) rng.nextInt(10));
                for (int p = 0; p < 784; p++) {
                    img.put((byte) rng.nextInt(256));
                }
            }
            store(Catalog.MNIST + "/" + names[2 * k], gzip(img.array()));
            store(Catalog.MNIST + "/" + names[2 * k + 1], gzip(lbl.array()));
        }
    }

    /** 67 class directories of JPEGs of varied sizes (the loader resizes to 224x224) and the two split lists. */
    private void mit67(Sizes s) throws IOException {
        StringBuilder train = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int c = 0; c < 67; c++) {
            String cls = String.format("class_%02d", c);
            for (int i = 0; i < s.mit67TrainPerClass() + s.mit67TestPerClass(); i++) {
                String rel = cls + "/img" + i + ".jpg";
                store(Catalog.MIT67 + "/Images/" + rel, jpeg(200 + rng.nextInt(200), 200 + rng.nextInt(200)));
                (i < s.mit67TrainPerClass() ? train : test).append(rel).append('\n');
            }
        }
        store(Catalog.MIT67 + "/TrainImages.txt", train.toString().getBytes(StandardCharsets.UTF_8));
        store(Catalog.MIT67 + "/TestImages.txt", test.toString().getBytes(StandardCharsets.UTF_8));
    }

    private byte[] jpeg(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "jpg", bos)) {
            throw new IOException("this JDK has no JPEG writer");
        }
        return bos.toByteArray();
    }

    /**
     * The zoo's ResNet-50 body with random weights and a head named as in the Keras-converted ImageNet archive:
     * {@code flatten_1} (global average pooling, 2048 features) and {@code fc1000} (1000-way softmax). The zoo's
     * own head (a 3x3 max-pool and {@code output}) is removed; the fine-tuning code replaces {@code fc1000}.
     */
    private void resnet50() throws IOException {
        ComputationGraph zoo = ResNet50.builder().numClasses(1000).seed(rng.nextLong()).build().init();
        String body = zoo.getConfiguration().getVertexInputs().get("avgpool").get(0);
        ComputationGraph g = new TransferLearning.GraphBuilder(zoo)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().build())
                .removeVertexAndConnections("output")
                .removeVertexAndConnections("avgpool")
                .addLayer("flatten_1", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), body)
                .addLayer("fc1000", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2048).nOut(1000)
                        .activation(Activation.SOFTMAX).build(), "flatten_1")
                .setOutputs("fc1000")
                .build();
        Path target = root.resolve(PretrainedWeights.DRY_RUN_DIR).resolve(PretrainedWeights.resnet50File()
                .getFileName());
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".resnet50.", ".part");
        try {
            ModelSerializer.writeModel(g, tmp.toFile(), false);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        manifest.put(root.relativize(target).toString(), Sha256.of(target));
    }

    private void store(String relative, byte[] data) throws IOException {
        Path target = root.resolve(relative);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        Files.write(tmp, data);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        manifest.put(relative, Sha256.of(target));
    }

    private Path writeManifest() throws IOException {
        StringBuilder sb = new StringBuilder("# synthetic dry-run data (random pixels and labels): not a dataset\n");
        manifest.forEach((file, sha) -> sb.append(sha).append("  ").append(file).append('\n'));
        Path target = root.resolve(DryRun.MANIFEST);
        Path tmp = Files.createTempFile(root, ".manifest.", ".part");
        Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    /** A tar archive (gzipped when {@code gzip}) of {@code (name, bytes)} entries, laid out as the originals. */
    public static byte[] tar(List<String> names, List<byte[]> contents, boolean gzip) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (OutputStream sink = gzip ? new GZIPOutputStream(bos) : bos;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(sink)) {
            for (int i = 0; i < names.size(); i++) {
                TarArchiveEntry e = new TarArchiveEntry(names.get(i));
                e.setSize(contents.get(i).length);
                tar.putArchiveEntry(e);
                tar.write(contents.get(i));
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return bos.toByteArray();
    }

    /** {@code SyntheticData DIR}: writes the dry-run sizes into DIR (used by {@code make dry-run}). */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: SyntheticData DATA_DIR");
            System.exit(2);
        }
        System.out.println("synthetic dry-run data: " + write(Path.of(args[0]), Sizes.DRY_RUN, 0L));
    }
}
