package org.isrepro.core.method.rais;

import java.util.ArrayList;
import java.util.List;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.ForwardingModel;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Delegates everything but never changes parameters; records each step's batch, weights and learning rate. */
final class FrozenModel extends ForwardingModel {
    final List<DataSet> batches = new ArrayList<>();
    final List<double[]> weights = new ArrayList<>();
    final List<Double> learningRates = new ArrayList<>();
    private double lr = Double.NaN;
    private DataSet normBatch;
    private boolean normOutputOnly;
    private double[] norms;

    FrozenModel(Model inner) {
        super(inner);
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

    @Override
    public void setLearningRate(double learningRate) {
        lr = learningRate;
    }
}
