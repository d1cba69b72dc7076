package org.isrepro.datasets.view;

import java.util.Arrays;
import org.isrepro.datasets.Batches;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.Sha256;
import org.nd4j.linalg.dataset.DataSet;

/** The samples {@code indices} of a dataset, re-indexed 0..k-1 (nothing is copied). */
public final class Subset implements IndexedDataset {
    private final IndexedDataset parent;
    private final int[] indices;
    private final String name;
    private final String checksum;

    private Subset(IndexedDataset parent, int[] indices, String name) {
        this.parent = parent;
        this.indices = indices.clone();
        for (int i : this.indices) {
            Batches.checkIndex(parent, i);
        }
        this.name = name;
        this.checksum = Sha256.of(parent.checksum() + " subset ", this.indices);
    }

    public static Subset of(IndexedDataset parent, int[] indices) {
        return new Subset(parent, indices, parent.name() + "[subset " + indices.length + "]");
    }

    /** A subset with an explicit name (e.g. "fashion-mnist/train[validation]"). */
    public static Subset named(IndexedDataset parent, int[] indices, String name) {
        return new Subset(parent, indices, name);
    }

    /** The first {@code n} samples (small real subsets for smoke runs). */
    public static Subset first(IndexedDataset parent, int n) {
        int[] idx = new int[Math.min(n, parent.size())];
        Arrays.setAll(idx, i -> i);
        return new Subset(parent, idx, parent.name() + "[:" + idx.length + "]");
    }

    public int parentIndex(int index) {
        return indices[index];
    }

    public int[] parentIndices() {
        return indices.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return indices.length;
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
    public DataSet get(int[] idx) {
        int[] mapped = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            Batches.checkIndex(this, idx[i]);
            mapped[i] = indices[idx[i]];
        }
        return parent.get(mapped);
    }

    @Override
    public int label(int index) {
        Batches.checkIndex(this, index);
        return parent.label(indices[index]);
    }

    @Override
    public String checksum() {
        return checksum;
    }
}
