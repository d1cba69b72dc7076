package org.isrepro.datasets;

import org.isrepro.core.data.SampleSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Adapts the datasets module's {@link IndexedDataset} to core's {@link SampleSource}. */
public final class Sources {
    private Sources() {
    }

    /** Rows of an in-memory batch by position (duplicates allowed). */
    public record RowSelection(DataSet data) {
        public DataSet get(int[] rows) {
            long[] idx = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                idx[i] = rows[i];
            }
            return new DataSet(data.getFeatures().get(NDArrayIndex.indices(idx)).dup(),
                    data.getLabels().get(NDArrayIndex.indices(idx)).dup());
        }
    }

    public static SampleSource of(IndexedDataset dataset) {
        return new SampleSource() {
            @Override
            public int size() {
                return dataset.size();
            }

            @Override
            public DataSet get(int[] indices) {
                return dataset.get(indices);
            }
        };
    }
}
