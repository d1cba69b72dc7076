package org.isrepro.core.method.rais;

import java.util.ArrayList;
import java.util.List;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Delegates everything but never changes parameters; records each step's batch, weights and learning rate. */
final class FrozenModel implements Model {
    final Model inner;
    final List<DataSet> batches = new ArrayList<>();
    final List<double[]> weights = new ArrayList<>();
    final List<Double> learningRates = new ArrayList<>();
    private double lr = Double.NaN;

    FrozenModel(Model inner) {
        this.inner = inner;
    }

    @Override
    public ForwardResult forward(DataSet batch, int chunkSize) {
        return inner.forward(batch, chunkSize);
    }

    @Override
    public double weightedStep(DataSet batch, double[] w) {
        batches.add(batch);
        weights.add(w == null ? null : w.clone());
        learningRates.add(lr);
        return 1.0;
    }

    @Override
    public ForwardResult lastTrainingForward() {
        return inner.forward(batches.get(batches.size() - 1), 1_000);
    }

    @Override
    public INDArray gradient(DataSet batch, double[] w) {
        return inner.gradient(batch, w);
    }

    @Override
    public void applyGradient(INDArray meanGradient) {
        throw new AssertionError("not used");
    }

    @Override
    public double[] perSampleGradientNorms(DataSet batch, boolean outputLayerOnly) {
        // Parameters never change, so the same batch object has the same norms: compute them once.
        if (batch != normBatch || outputLayerOnly != normOutputOnly) {
            norms = inner.perSampleGradientNorms(batch, outputLayerOnly);
            normBatch = batch;
            normOutputOnly = outputLayerOnly;
        }
        return norms.clone();
    }

    private DataSet normBatch;
    private boolean normOutputOnly;
    private double[] norms;

    @Override
    public INDArray params() {
        return inner.params();
    }

    @Override
    public void setParams(INDArray params) {
        inner.setParams(params);
    }

    @Override
    public INDArray optimizerState() {
        return inner.optimizerState();
    }

    @Override
    public void setOptimizerState(INDArray state) {
        inner.setOptimizerState(state);
    }

    @Override
    public void setLearningRate(double learningRate) {
        lr = learningRate;
    }

    @Override
    public long numParams() {
        return inner.numParams();
    }

    @Override
    public int numClasses() {
        return inner.numClasses();
    }
}
