package org.isrepro.core.testing;

import org.isrepro.core.data.SampleSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A {@link SampleSource} over an in-memory DataSet. */
public final class ArraySource implements SampleSource {
    private final DataSet data;

    public ArraySource(DataSet data) {
        this.data = data;
    }

    @Override
    public int size() {
        return (int) data.getFeatures().size(0);
    }

    @Override
    public DataSet get(int[] indices) {
        long[] idx = new long[indices.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = indices[i];
        }
        return new DataSet(data.getFeatures().get(NDArrayIndex.indices(idx)).dup(),
                data.getLabels().get(NDArrayIndex.indices(idx)).dup());
    }
}
