package org.isrepro.datasets.source;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.isrepro.datasets.Batches;
import org.isrepro.datasets.DatasetException;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.Sha256;
import org.isrepro.datasets.Split;
import org.nd4j.linalg.dataset.DataSet;

/**
 * MIT Indoor 67 (Quattoni and Torralba, CVPR 2009): {@code Images/<class>/*.jpg} with the official
 * split lists {@code TrainImages.txt} / {@code TestImages.txt} (lines {@code <class>/<file>}).
 * Classes are the sorted sub-directories of {@code Images}. Images are decoded with
 * {@code javax.imageio} on every {@link #get} (15,620 images do not fit in memory as floats),
 * resized to {@code size x size} (224) without keeping the aspect ratio, and normalised as the
 * Keras-converted ImageNet ResNet-50 of deeplearning4j-zoo expects: channels in BGR order, 0..255
 * minus the ImageNet channel means (B 103.939, G 116.779, R 123.68), no scaling (DL4J's
 * {@code VGG16ImagePreProcessor} on {@code NativeImageLoader}'s BGR output; Keras
 * {@code preprocess_input} "caffe" mode). See docs/datasets.md for the sources.
 */
public final class Mit67Dataset implements IndexedDataset {
    /** ImageNet channel means in B, G, R order (0..255 units). */
    public static final float[] IMAGENET_MEAN_BGR = {103.939f, 116.779f, 123.68f};
    public static final int DEFAULT_SIZE = 224;

    private final String name;
    private final Path root;
    private final Split split;
    private final int size;
    private final List<String> classes;
    private final List<Path> images = new ArrayList<>();
    private final int[] labels;
    private volatile String checksum;

    public Mit67Dataset(Path root, Split split, int size) {
        this.root = root;
        this.split = split;
        this.size = size;
        this.name = "mit67/" + split.lower();
        Path listFile = root.resolve(splitFileName(split));
        if (!Files.isRegularFile(listFile)) {
            throw new DatasetException(Kind.MISSING_SPLIT_FILE, String.format(
                    "mit67: the split list %s is missing. Download the official list from"
                            + " http://web.mit.edu/torralba/www/%s and put it at %s.", splitFileName(split),
                    splitFileName(split), listFile));
        }
        Path imagesDir = root.resolve("Images");
        if (!Files.isDirectory(imagesDir)) {
            throw new DatasetException(Kind.MISSING, "mit67: " + imagesDir + " is missing. Extract"
                    + " indoorCVPR_09.tar (http://groups.csail.mit.edu/vision/LabelMe/NewImages/"
                    + "indoorCVPR_09.tar) into " + root + ".");
        }
        try (Stream<Path> dirs = Files.list(imagesDir)) {
            classes = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new DatasetException(Kind.MALFORMED, "mit67: cannot list " + imagesDir + ": " + e, e);
        }
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            classIndex.put(classes.get(i), i);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(Kind.MALFORMED, "mit67: cannot read " + listFile + ": " + e, e);
        }
        List<Integer> y = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int slash = line.indexOf('/');
            Integer label = slash > 0 ? classIndex.get(line.substring(0, slash)) : null;
            if (label == null) {
                throw new DatasetException(Kind.MALFORMED, String.format(
                        "mit67: line %d of %s is \"%s\", which does not name a class directory of %s.",
                        lineNo, listFile, line, imagesDir));
            }
            Path img = imagesDir.resolve(line).normalize();
            if (!img.startsWith(imagesDir) || !Files.isRegularFile(img)) {
                absent.add(line);
                continue;
            }
            images.add(img);
            y.add(label);
        }
        if (!absent.isEmpty()) {
            throw new DatasetException(Kind.LISTED_IMAGE_ABSENT, String.format(
                    "mit67: %d image(s) listed in %s are absent from %s, e.g. %s. The Images tree is"
                            + " incomplete: extract indoorCVPR_09.tar again.", absent.size(), listFile,
                    imagesDir, absent.subList(0, Math.min(5, absent.size()))));
        }
        if (images.isEmpty()) {
            throw new DatasetException(Kind.MALFORMED, "mit67: " + listFile + " lists no images");
        }
        labels = y.stream().mapToInt(Integer::intValue).toArray();
    }

    public static String splitFileName(Split split) {
        return split == Split.TRAIN ? "TrainImages.txt" : "TestImages.txt";
    }

    public List<String> classes() {
        return classes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int numClasses() {
        return classes.size();
    }

    @Override
    public long[] sampleShape() {
        return new long[] {3, size, size};
    }

    @Override
    public int label(int index) {
        Batches.checkIndex(this, index);
        return labels[index];
    }

    @Override
    public DataSet get(int[] indices) {
        int plane = size * size;
        float[] out = new float[indices.length * 3 * plane];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Batches.checkIndex(this, indices[i]);
            decode(images.get(indices[i]), out, i * 3 * plane);
            y[i] = labels[indices[i]];
        }
        return new DataSet(Batches.features(out, indices.length, sampleShape()),
                Batches.oneHot(y, numClasses()));
    }

    private void decode(Path file, float[] dst, int off) {
        BufferedImage src;
        try {
            src = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DatasetException(Kind.UNREADABLE_IMAGE,
                    "mit67: cannot decode " + file + " (" + e.getMessage() + ")", e);
        }
        if (src == null) {
            throw new DatasetException(Kind.UNREADABLE_IMAGE,
                    "mit67: " + file + " is not an image format javax.imageio can read");
        }
        BufferedImage scaled = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        int[] rgb = scaled.getRGB(0, 0, size, size, null, 0, size);
        int plane = size * size;
        for (int p = 0; p < plane; p++) {
            int v = rgb[p];
            dst[off + p] = (v & 0xff) - IMAGENET_MEAN_BGR[0];
            dst[off + plane + p] = ((v >> 8) & 0xff) - IMAGENET_MEAN_BGR[1];
            dst[off + 2 * plane + p] = ((v >> 16) & 0xff) - IMAGENET_MEAN_BGR[2];
        }
    }

    /** SHA-256 over the split list and every listed image (computed once, on first call). */
    @Override
    public String checksum() {
        String c = checksum;
        if (c == null) {
            synchronized (this) {
                if (checksum == null) {
                    MessageDigest md = Sha256.newDigest();
                    Path list = root.resolve(splitFileName(split));
                    md.update((list.getFileName() + " " + Sha256.of(list) + "\n").getBytes(
                            StandardCharsets.UTF_8));
                    for (Path img : images) {
                        md.update((root.relativize(img) + " " + Sha256.of(img) + "\n").getBytes(
                                StandardCharsets.UTF_8));
                    }
                    checksum = Sha256.hex(md.digest());
                }
                c = checksum;
            }
        }
        return c;
    }
}
