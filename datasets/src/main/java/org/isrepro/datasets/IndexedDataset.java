package org.isrepro.datasets;

import org.nd4j.linalg.dataset.DataSet;

/** An index-addressable labelled dataset (importance sampling needs any sample by index). */
public interface IndexedDataset {
    /** A stable name such as {@code "fashion-mnist/train"}; views append what they do. */
    String name();

    int size();

    int numClasses();

    /**
     * Per-sample feature shape: images {@code [c, h, w]} (NCHW, DL4J convolutional); sequences
     * {@code [1, T]} (DL4J RNN: features x time).
     */
    long[] sampleShape();

    /**
     * Features {@code [n, ...sampleShape]} float32 and one-hot labels {@code [n, numClasses]};
     * duplicates allowed; the same index always gives the same sample (an augmented view gives the
     * same sample for the same index and epoch).
     */
    DataSet get(int[] indices);

    int label(int index);

    /** SHA-256 hex identifying the underlying source data (for run provenance); stable across calls. */
    String checksum();

    /** Number of feature values of one sample: the product of {@link #sampleShape()}. */
    default int sampleLength() {
        long n = 1;
        for (long d : sampleShape()) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}
