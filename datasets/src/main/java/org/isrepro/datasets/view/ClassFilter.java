package org.isrepro.datasets.view;

import java.util.Arrays;
import org.isrepro.datasets.Batches;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.Sha256;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Only the samples of some classes, with labels remapped to 0..k-1 in the order given (e.g.
 * Fashion-MNIST classes 5-9 become 0-4).
 */
public final class ClassFilter implements IndexedDataset {
    private final IndexedDataset parent;
    private final int[] classes;
    private final int[] remap;
    private final int[] indices;
    private final String name;
    private final String checksum;

    private ClassFilter(IndexedDataset parent, int[] classes) {
        this.parent = parent;
        this.classes = classes.clone();
        this.remap = new int[parent.numClasses()];
        Arrays.fill(remap, -1);
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= parent.numClasses() || remap[classes[i]] >= 0) {
                throw new IllegalArgumentException("bad or repeated class " + classes[i] + " for "
                        + parent.name());
            }
            remap[classes[i]] = i;
        }
        int[] idx = new int[parent.size()];
        int n = 0;
        for (int i = 0; i < parent.size(); i++) {
            if (remap[parent.label(i)] >= 0) {
                idx[n++] = i;
            }
        }
        this.indices = Arrays.copyOf(idx, n);
        this.name = parent.name() + "[classes " + Arrays.toString(classes).replace(" ", "") + "]";
        this.checksum = Sha256.of(parent.checksum() + " classes " + Arrays.toString(classes));
    }

    public static ClassFilter of(IndexedDataset parent, int... classes) {
        return new ClassFilter(parent, classes);
    }

    /** Classes {@code from..to} inclusive, remapped to 0..(to-from). */
    public static ClassFilter range(IndexedDataset parent, int from, int to) {
        int[] c = new int[to - from + 1];
        Arrays.setAll(c, i -> from + i);
        return new ClassFilter(parent, c);
    }

    public int[] classes() {
        return classes.clone();
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
        return classes.length;
    }

    @Override
    public long[] sampleShape() {
        return parent.sampleShape();
    }

    @Override
    public DataSet get(int[] idx) {
        int[] mapped = new int[idx.length];
        int[] y = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            Batches.checkIndex(this, idx[i]);
            mapped[i] = indices[idx[i]];
            y[i] = remap[parent.label(mapped[i])];
        }
        DataSet d = parent.get(mapped);
        return new DataSet(d.getFeatures(), Batches.oneHot(y, classes.length));
    }

    @Override
    public int label(int index) {
        Batches.checkIndex(this, index);
        return remap[parent.label(indices[index])];
    }

    @Override
    public String checksum() {
        return checksum;
    }
}
