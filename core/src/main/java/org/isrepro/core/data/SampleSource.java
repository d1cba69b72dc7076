package org.isrepro.core.data;

import org.nd4j.linalg.dataset.DataSet;

/**
 * The training set as the methods see it: N samples addressable by index (importance sampling needs any
 * sample by index). Duplicated indices give duplicated rows.
 */
public interface SampleSource {
    int size();

    /** Features and one-hot labels of the given samples, in order. */
    DataSet get(int[] indices);
}
