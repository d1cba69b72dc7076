package org.isrepro.datasets.view;

import org.isrepro.datasets.Batches;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.Sha256;
import org.nd4j.linalg.dataset.DataSet;

/** A view that rewrites each sample's features (same indices, labels and classes as its parent). */
abstract class TransformedView implements IndexedDataset {
    protected final IndexedDataset parent;
    private final String name;
    private final String checksum;

    TransformedView(IndexedDataset parent, String suffix) {
        this.parent = parent;
        this.name = parent.name() + "[" + suffix + "]";
        this.checksum = Sha256.of(parent.checksum() + " " + suffix);
    }

    /** Writes the transformed sample {@code index} (parent features at {@code src[srcOff..]}). */
    protected abstract void transform(int index, float[] src, int srcOff, float[] dst, int dstOff);

    @Override
    public DataSet get(int[] indices) {
        DataSet d = parent.get(indices);
        float[] src = Batches.toFloats(d.getFeatures());
        int inLen = parent.sampleLength();
        int outLen = sampleLength();
        float[] dst = new float[indices.length * outLen];
        for (int i = 0; i < indices.length; i++) {
            transform(indices[i], src, i * inLen, dst, i * outLen);
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
    public int label(int index) {
        return parent.label(index);
    }

    @Override
    public String checksum() {
        return checksum;
    }

    /** [c, h, w] of an image-shaped parent, or an explanation. */
    static int[] chw(IndexedDataset ds) {
        long[] s = ds.sampleShape();
        if (s.length != 3) {
            throw new IllegalArgumentException(ds.name() + " is not an image dataset [c, h, w]: "
                    + java.util.Arrays.toString(s));
        }
        return new int[] {(int) s[0], (int) s[1], (int) s[2]};
    }
}
