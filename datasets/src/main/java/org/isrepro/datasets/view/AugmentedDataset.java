package org.isrepro.datasets.view;

import org.isrepro.datasets.Batches;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.Sha256;
import org.nd4j.linalg.dataset.DataSet;

/**
 * On-the-fly augmentation (4-pixel pad, random crop, horizontal flip) that is deterministic in
 * (seed, index, epoch): {@link #get(int[], int)} always returns the same pixels for the same
 * arguments, and {@link #get(int[])} uses the current {@link #epoch()}.
 */
public final class AugmentedDataset implements IndexedDataset {
    public static final int DEFAULT_PAD = 4;

    private final IndexedDataset parent;
    private final long seed;
    private final int pad;
    private final float[] fill;
    private final int c;
    private final int h;
    private final int w;
    private final String name;
    private final String checksum;
    private volatile int epoch;

    private AugmentedDataset(IndexedDataset parent, long seed, int pad, float[] fill) {
        int[] s = TransformedView.chw(parent);
        this.parent = parent;
        this.seed = seed;
        this.pad = pad;
        this.c = s[0];
        this.h = s[1];
        this.w = s[2];
        if (fill.length != c) {
            throw new IllegalArgumentException("fill needs one value per channel (" + c + ")");
        }
        this.fill = fill.clone();
        this.name = parent.name() + "[augmented pad " + pad + " crop flip, seed " + seed + "]";
        this.checksum = Sha256.of(parent.checksum() + " augmented " + pad + " " + seed);
    }

    /**
     * @param fill the feature value of a black pixel per channel ({@code Normalization.black(c)}):
     *     what the zero padding shows after normalisation
     */
    public static AugmentedDataset of(IndexedDataset parent, long seed, float[] fill) {
        return new AugmentedDataset(parent, seed, DEFAULT_PAD, fill);
    }

    public static AugmentedDataset of(IndexedDataset parent, long seed, int pad, float[] fill) {
        return new AugmentedDataset(parent, seed, pad, fill);
    }

    public void setEpoch(int epoch) {
        this.epoch = epoch;
    }

    public int epoch() {
        return epoch;
    }

    public Augmentation augmentation(int index, int epoch) {
        return Augmentation.draw(seed, index, epoch, pad);
    }

    @Override
    public DataSet get(int[] indices) {
        return get(indices, epoch);
    }

    public DataSet get(int[] indices, int epoch) {
        DataSet d = parent.get(indices);
        float[] src = Batches.toFloats(d.getFeatures());
        int len = c * h * w;
        float[] dst = new float[src.length];
        for (int i = 0; i < indices.length; i++) {
            augmentation(indices[i], epoch).apply(src, i * len, c, h, w, fill, dst, i * len);
        }
        return new DataSet(Batches.features(dst, indices.length, sampleShape()), d.getLabels());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return parent.size();
    }

    @Override
    public int numClasses() {
        return parent.numClasses();
    }

    @Override
    public long[] sampleShape() {
        return parent.sampleShape();
    }

    @Override
    public int label(int index) {
        return parent.label(index);
    }

    @Override
    public String checksum() {
        return checksum;
    }
}
