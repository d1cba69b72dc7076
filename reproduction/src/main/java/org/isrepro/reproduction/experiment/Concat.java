package org.isrepro.reproduction.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.isrepro.datasets.IndexedDataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Two datasets with the same sample shape side by side, the second one's classes numbered after the
 * first's: Fashion-MNIST + MNIST digits make a 20-class problem, the harder stand-in for CIFAR-100.
 */
public final class Concat implements IndexedDataset {
    private final IndexedDataset first;
    private final IndexedDataset second;

    public Concat(IndexedDataset first, IndexedDataset second) {
        if (!java.util.Arrays.equals(first.sampleShape(), second.sampleShape())) {
            throw new IllegalArgumentException("cannot concatenate samples of shape "
                    + java.util.Arrays.toString(first.sampleShape()) + " and "
                    + java.util.Arrays.toString(second.sampleShape()));
        }
        this.first = first;
        this.second = second;
    }

    @Override
    public String name() {
        return first.name() + "+" + second.name();
    }

    @Override
    public int size() {
        return first.size() + second.size();
    }

    @Override
    public int numClasses() {
        return first.numClasses() + second.numClasses();
    }

    @Override
    public long[] sampleShape() {
        return first.sampleShape();
    }

    @Override
    public DataSet get(int[] indices) {
        int n = indices.length;
        int[] fromFirst = java.util.Arrays.stream(indices).filter(i -> i < first.size()).toArray();
        int[] fromSecond = java.util.Arrays.stream(indices).filter(i -> i >= first.size())
                .map(i -> i - first.size()).toArray();
        INDArray a = fromFirst.length > 0 ? first.get(fromFirst).getFeatures() : null;
        INDArray b = fromSecond.length > 0 ? second.get(fromSecond).getFeatures() : null;
        long[] shape = new long[sampleShape().length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape(), 0, shape, 1, sampleShape().length);
        INDArray features = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
        INDArray labels = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, numClasses());
        int ia = 0;
        int ib = 0;
        for (int i = 0; i < n; i++) {
            INDArray row = indices[i] < first.size() ? a.get(NDArrayIndex.point(ia++)) : b.get(NDArrayIndex.point(ib++));
            features.get(NDArrayIndex.point(i)).assign(row);
            labels.putScalar(i, label(indices[i]), 1f);
        }
        return new DataSet(features, labels);
    }

    @Override
    public int label(int index) {
        return index < first.size() ? first.label(index) : first.numClasses() + second.label(index - first.size());
    }

    @Override
    public String checksum() {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((first.checksum() + "+" + second.checksum()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
