package org.isrepro.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A {@link Model} that hands every call to another one; a subclass overrides only the calls it watches or
 * changes (a recorder of the steps, a model whose steps never change its parameters).
 */
public abstract class ForwardingModel implements Model {
    protected final Model inner;

    protected ForwardingModel(Model inner) {
        this.inner = inner;
    }

    @Override
    public ForwardResult forward(DataSet batch, int chunkSize) {
        return inner.forward(batch, chunkSize);
    }

    @Override
    public double weightedStep(DataSet batch, double[] weights) {
        return inner.weightedStep(batch, weights);
    }

    @Override
    public ForwardResult lastTrainingForward() {
        return inner.lastTrainingForward();
    }

    @Override
    public INDArray gradient(DataSet batch, double[] weights) {
        return inner.gradient(batch, weights);
    }

    @Override
    public void applyGradient(INDArray meanGradient) {
        inner.applyGradient(meanGradient);
    }

    @Override
    public double[] perSampleGradientNorms(DataSet batch, boolean outputLayerOnly) {
        return inner.perSampleGradientNorms(batch, outputLayerOnly);
    }

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
        inner.setLearningRate(learningRate);
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
