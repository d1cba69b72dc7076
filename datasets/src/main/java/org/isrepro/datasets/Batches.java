package org.isrepro.datasets;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Builds the float32 {@link DataSet}s that every {@link IndexedDataset#get} returns. */
public final class Batches {
    private Batches() {}

    /** Features {@code [n, ...sampleShape]} from a row-major buffer of n samples. */
    public static INDArray features(float[] data, int n, long[] sampleShape) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        return Nd4j.create(data, shape, 'c');
    }

    /** One-hot labels {@code [n, numClasses]}. */
    public static INDArray oneHot(int[] labels, int numClasses) {
        float[] data = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            data[i * numClasses + labels[i]] = 1f;
        }
        return Nd4j.create(data, new long[] {labels.length, numClasses}, 'c');
    }

    /** The labels of {@code indices} in {@code ds}. */
    public static int[] labels(IndexedDataset ds, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = ds.label(indices[i]);
        }
        return out;
    }

    /** A C-order copy of the features as a flat float array. */
    public static float[] toFloats(INDArray features) {
        INDArray f = features.ordering() == 'c' && !features.isView() ? features : features.dup('c');
        return f.data().asFloat();
    }

    public static void checkIndex(IndexedDataset ds, int index) {
        if (index < 0 || index >= ds.size()) {
            throw new IndexOutOfBoundsException(
                    "index " + index + " out of range [0, " + ds.size() + ") of " + ds.name());
        }
    }
}
