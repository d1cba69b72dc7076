package org.isrepro.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.ForwardingModel;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A {@link Model} whose weighted steps only record their batch and weights and never change the parameters,
 * so that many steps of a method sample at one fixed θ (Monte-Carlo tests of the sampling distribution).
 * Everything else is delegated; the "training pass" of a step is an inference forward pass of its batch.
 */
public final class RecordingModel extends ForwardingModel {
    public final List<DataSet> batches = new ArrayList<>();
    public final List<double[]> weights = new ArrayList<>();

    public RecordingModel(Model inner) {
        super(inner);
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
    public void applyGradient(INDArray meanGradient) {
        throw new UnsupportedOperationException("a recording model never changes its parameters");
    }

    @Override
    public void setLearningRate(double learningRate) {
    }
}
