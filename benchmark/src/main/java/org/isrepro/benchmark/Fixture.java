package org.isrepro.benchmark;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.DlModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** One benchmark's network: the raw DL4J network (for the reference forward pass) and its {@link DlModel}. */
final class Fixture {
    /** Samples in the training set that steps draw from: larger than any presample, small enough to build fast. */
    static final int POOL = 4096;

    final Workload workload;
    final DlModel model;
    private final MultiLayerNetwork mln;
    private final ComputationGraph graph;

    private Fixture(Workload workload, org.deeplearning4j.nn.api.Model network) {
        this.workload = workload;
        this.mln = network instanceof MultiLayerNetwork m ? m : null;
        this.graph = network instanceof ComputationGraph g ? g : null;
        this.model = mln != null ? DlModel.of(mln) : DlModel.of(graph);
    }

    static Fixture of(String modelId, long seed) {
        Workload w = Workload.of(modelId);
        return new Fixture(w, w.network(seed));
    }

    /** DL4J's own inference forward pass: what "a forward pass of B samples" costs without any scoring. */
    INDArray output(INDArray features) {
        return mln != null ? mln.output(features, false) : graph.outputSingle(false, features);
    }

    DataSet data(int n, long seed) {
        return workload.data(n, seed);
    }

    /** A training set of {@link #POOL} random samples, addressable by index as the methods need. */
    SampleSource source(long seed) {
        return new PoolSource(workload.data(POOL, seed));
    }

    /** Gathers rows with one native call on a flattened copy, then restores the sample shape. */
    private static final class PoolSource implements SampleSource {
        private final INDArray features;   // [N, prod(sample shape)]
        private final INDArray labels;
        private final long[] sampleShape;

        PoolSource(DataSet data) {
            long[] shape = data.getFeatures().shape();
            sampleShape = java.util.Arrays.copyOfRange(shape, 1, shape.length);
            features = data.getFeatures().reshape('c', shape[0], data.getFeatures().length() / shape[0]).dup('c');
            labels = data.getLabels().dup('c');
        }

        @Override
        public int size() {
            return (int) features.size(0);
        }

        @Override
        public DataSet get(int[] indices) {
            long[] shape = new long[sampleShape.length + 1];
            shape[0] = indices.length;
            System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
            INDArray x = Nd4j.pullRows(features, 1, indices).reshape('c', shape);
            return new DataSet(x, Nd4j.pullRows(labels, 1, indices));
        }
    }
}
