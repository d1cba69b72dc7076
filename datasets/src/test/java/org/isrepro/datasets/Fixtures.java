package org.isrepro.datasets;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.isrepro.datasets.synthetic.SyntheticData;

/** Writes test fixtures in the exact real formats. */
public final class Fixtures {
    private Fixtures() {}

    /** Pixel (sample i, row y, column x) of fixture images: a recognisable function. */
    public static int pixel(int i, int y, int x) {
        return (i * 31 + y * 7 + x * 3) & 0xff;
    }

    /** idx3 image bytes for n images of rows x cols. */
    public static byte[] idxImages(int n, int rows, int cols) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bos)) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(rows);
            out.writeInt(cols);
            for (int i = 0; i < n; i++) {
                for (int y = 0; y < rows; y++) {
                    for (int x = 0; x < cols; x++) {
                        out.writeByte(pixel(i, y, x));
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bos.toByteArray();
    }

    /** idx1 label bytes. */
    public static byte[] idxLabels(int[] labels) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bos)) {
            out.writeInt(0x00000801);
            out.writeInt(labels.length);
            for (int l : labels) {
                out.writeByte(l);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bos.toByteArray();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bos.toByteArray();
    }

    public static Path write(Path file, byte[] data) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, data);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return file;
    }

    public static int[] labelsCycling(int n, int classes) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % classes;
        }
        return l;
    }

    /**
     * Writes a complete MNIST-format set (train n, test m images, gzipped) under {@code dir} with the
     * real file names.
     */
    public static void idxSet(Path dir, int nTrain, int nTest) {
        write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idxImages(nTrain, 28, 28)));
        write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idxLabels(labelsCycling(nTrain, 10))));
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(idxImages(nTest, 28, 28)));
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idxLabels(labelsCycling(nTest, 10))));
    }

    /** CIFAR pixel (sample i, channel c, row y, column x). */
    public static int cifarPixel(int i, int c, int y, int x) {
        return (i * 13 + c * 80 + y * 5 + x) & 0xff;
    }

    /** CIFAR records: for CIFAR-100 {@code coarse} != null and labels are the fine labels. */
    public static byte[] cifarRecords(int[] labels, int[] coarse) {
        int header = coarse == null ? 1 : 2;
        byte[] out = new byte[labels.length * (header + 3072)];
        for (int i = 0; i < labels.length; i++) {
            int o = i * (header + 3072);
            if (coarse == null) {
                out[o] = (byte) labels[i];
            } else {
                out[o] = (byte) coarse[i];
                out[o + 1] = (byte) labels[i];
            }
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        out[o + header + c * 1024 + y * 32 + x] = (byte) cifarPixel(i, c, y, x);
                    }
                }
            }
        }
        return out;
    }

    /** A tar (optionally gzipped) of {@code (name, bytes)} entries. */
    public static byte[] tar(List<String> names, List<byte[]> contents, boolean gzip) {
        try {
            return SyntheticData.tar(names, contents, gzip);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** npm-format digits: {@code counts[d]} images of digit d, pixel value (i+d)/255-ish in [0,1]. */
    public static void npmPackage(Path root, int[] counts) {
        for (int d = 0; d < 10; d++) {
            StringBuilder sb = new StringBuilder("{ \"data\": [");
            for (int i = 0; i < counts[d]; i++) {
                for (int p = 0; p < 784; p++) {
                    if (i > 0 || p > 0) {
                        sb.append(',');
                    }
                    sb.append(String.format(Locale.ROOT, "%.3f", npmValue(d, i, p)));
                }
            }
            sb.append("] }");
            write(root.resolve("src/digits/" + d + ".json"), sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    public static float npmValue(int digit, int i, int p) {
        return ((digit * 17 + i * 5 + p) % 251) / 250f;
    }

    /** A solid-colour JPEG of w x h. */
    public static byte[] jpeg(int w, int h, Color color) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "jpg", bos)) {
                throw new AssertionError("no JPEG writer");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bos.toByteArray();
    }

    /**
     * A MIT67-shaped tree: classes {@code a_room}, {@code b_room}, {@code c_room}; per class 3 train
     * and 1 test image (red, green, blue respectively), with the official split-list format.
     */
    public static void mit67Tree(Path root) {
        String[] classes = {"a_room", "b_room", "c_room"};
        Color[] colors = {new Color(200, 30, 30), new Color(30, 200, 30), new Color(30, 30, 200)};
        StringBuilder train = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int c = 0; c < classes.length; c++) {
            for (int i = 0; i < 4; i++) {
                String rel = classes[c] + "/img" + i + ".jpg";
                write(root.resolve("Images").resolve(rel), jpeg(40 + 3 * i, 30 + i, colors[c]));
                (i < 3 ? train : test).append(rel).append('\n');
            }
        }
        write(root.resolve("TrainImages.txt"), train.toString().getBytes(StandardCharsets.UTF_8));
        write(root.resolve("TestImages.txt"), test.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Regular files under {@code dir} (recursively), for "nothing left behind" checks. */
    public static List<Path> filesUnder(Path dir) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
