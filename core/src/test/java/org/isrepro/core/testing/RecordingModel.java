package org.isrepro.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A {@link Model} whose weighted steps only record their batch and weights and never change the parameters,
 * so that many steps of a method sample at one fixed θ (Monte-Carlo tests of the sampling distribution).
 * Everything else is delegated; the "training pass" of a step is an inference forward pass of its batch.
 */
public final class RecordingModel implements Model {
    private final Model inner;
    public final List<DataSet> batches = new ArrayList<>();
    public final List<double[]> weights = new ArrayList<>();

    public RecordingModel(Model inner) {
        this.inner = inner;
    }

    @Override
    public ForwardResult forward(DataSet batch, int chunkSize) {
        return inner.forward(batch, chunkSize);
    }

    @Override
    public double weightedStep(DataSet batch, double[] w) {
        batches.add(batch);
        weights.add(w);
        return 0;
    }

    @Override
    public ForwardResult lastTrainingForward() {
        return batches.isEmpty() ? null : inner.forward(batches.get(batches.size() - 1), 1024);
    }

    @Override
    public INDArray gradient(DataSet batch, double[] w) {
        return inner.gradient(batch, w);
    }

    @Override
    public void applyGradient(INDArray meanGradient) {
        throw new UnsupportedOperationException("a recording model never changes its parameters");
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
