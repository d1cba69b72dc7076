package org.isrepro.reproduction.models;

import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Per-sample layer normalisation as the paper's reference code has it in its wide residual network: each sample
 * x of shape [C, H, W] is normalised by its own mean and biased variance over C, H and W,
 * y = γ_c·(x − μ)/sqrt(σ² + ε) + β_c, with ε = 1e-3 and one γ (init 1) and one β (init 0) per channel. There
 * are no running statistics, so training and inference compute the same function and a sample's output does not
 * depend on the rest of its batch, as eq. 20's scoring pass needs (docs/machines.md). The reference code's γ is
 * one scalar; at §4.2's learning rate 0.1 a scalar γ, whose gradient sums over every channel, crosses zero within
 * a few steps and the network stops learning (docs/machines.md, "Layer normalisation"), so γ is per channel as
 * in group normalisation with one group. γ and β are not regularised: the reference code puts no weight decay on
 * them. Parameters {@code gamma} [1, C] and {@code beta} [1, C] ({@link LayerNormParams}); forward and backward
 * in {@link LayerNormLayer}.
 */
public class LayerNorm extends FeedForwardLayer {
    /** The reference code's default. */
    public static final double DEFAULT_EPS = 1e-3;

    private double eps = DEFAULT_EPS;

    /** For DL4J's configuration (de)serialisation; the channel count is set from the input type. */
    public LayerNorm() {
    }

    public double getEps() {
        return eps;
    }

    public void setEps(double eps) {
        this.eps = eps;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerWiring.wire(new LayerNormLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    @Override
    public ParamInitializer initializer() {
        return LayerNormParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        long channels;
        if (inputType instanceof InputType.InputTypeConvolutional) {
            channels = ((InputType.InputTypeConvolutional) inputType).getChannels();
        } else if (inputType instanceof InputType.InputTypeFeedForward) {
            channels = ((InputType.InputTypeFeedForward) inputType).getSize();
        } else {
            throw new IllegalStateException("LayerNorm takes convolutional or feed-forward input, got " + inputType);
        }
        if (nIn <= 0 || override) {
            nIn = channels;
            nOut = channels;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    /** γ and β carry no weight decay, as in the reference code. */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return List.of();
    }

    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return iUpdater;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long perExample = inputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(layerName, LayerNorm.class, inputType, inputType)
                .standardMemory(initializer().numParams(this), 0)
                .workingMemory(0, 0, 2 * perExample, 3 * perExample)
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    @Override
    public LayerNorm clone() {
        return (LayerNorm) super.clone();
    }
}
