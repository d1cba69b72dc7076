package org.isrepro.reproduction.run;

import org.isrepro.core.data.SampleSource;
import org.isrepro.datasets.IndexedDataset;
import org.nd4j.linalg.dataset.DataSet;

/** Adapts the datasets module's {@link IndexedDataset} to core's {@link SampleSource}. */
public final class Sources {
    private Sources() {
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
