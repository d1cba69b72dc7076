package org.isrepro.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What the importance-sampling methods need from a network: an inference forward pass that exposes the
 * output layer's pre-activations, a weighted training step, per-sample gradients, and its parameters.
 * {@link DlModel} adapts DL4J's {@code MultiLayerNetwork} and {@code ComputationGraph}.
 */
public interface Model {

    /** Inference-mode forward pass over {@code batch} in chunks of at most {@code chunkSize} samples. */
    ForwardResult forward(DataSet batch, int chunkSize);

    /**
     * One optimiser step on the weighted loss (1/n) Σ w_i L_i (+ unweighted regularisation).
     * {@code weights == null} means all ones. Returns the weighted mean data loss of the step.
     */
    double weightedStep(DataSet batch, double[] weights);

    /**
     * What the last training step's forward pass saw at the output layer (its pre-activations and labels),
     * so that line 15 of Algorithm 1 costs nothing; null before the first step.
     */
    ForwardResult lastTrainingForward();

    /** Gradient of (1/n) Σ w_i L_i with respect to all parameters, data loss only, flattened (a copy). */
    INDArray gradient(DataSet batch, double[] weights);

    /**
     * One optimiser step along a given mean gradient (as returned by {@link #gradient}), through the
     * network's own updater, so momentum, Adam, weight decay and clipping apply as in a normal step.
     * Variance-reduced methods use it to step along corrected gradients.
     */
    void applyGradient(INDArray meanGradient);

    /**
     * Per-sample gradient norms ‖∇θ L_i‖₂ (data loss only) by backpropagation with batch size 1;
     * {@code outputLayerOnly} restricts θ to the output layer's parameters.
     */
    double[] perSampleGradientNorms(DataSet batch, boolean outputLayerOnly);

    /** A copy of all parameters, flattened. */
    INDArray params();

    void setParams(INDArray params);

    /** The optimiser's state (momentum, Adam moments), flattened; empty for plain SGD. */
    INDArray optimizerState();

    void setOptimizerState(INDArray state);

    void setLearningRate(double learningRate);

    long numParams();

    int numClasses();
}
