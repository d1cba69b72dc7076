package org.isrepro.reproduction.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link LayerNorm}'s parameters in the layer's slice of the flat vector: {@code gamma} [1, C] (init 1), then
 * {@code beta} [1, C] (init 0), initialised as the reference code's layer normalisation initialises them. Neither is
 * a weight or a bias to DL4J, so no configuration default (weight decay, bias updater) reaches them by role.
 */
public final class LayerNormParams implements ParamInitializer {
    public static final String GAMMA = "gamma";
    public static final String BETA = "beta";
    static final LayerNormParams INSTANCE = new LayerNormParams();

    private LayerNormParams() {
    }

    private static long channels(Layer layer) {
        return ((LayerNorm) layer).getNOut();
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return 2 * channels(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(GAMMA, BETA);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return false;
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> views = views(conf, paramsView);
        if (initializeParams) {
            views.get(GAMMA).assign(1.0);
            views.get(BETA).assign(0.0);
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf, gradientView);
    }

    private static Map<String, INDArray> views(NeuralNetConfiguration conf, INDArray flat) {
        long c = channels(conf.getLayer());
        INDArray row = flat.reshape(1, flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(GAMMA, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, c)));
        out.put(BETA, row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(c, 2 * c)));
        return out;
    }
}
