package org.isrepro.reproduction.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.Nesterovs;

@Tag("fast")
class ArchitecturesTest {

    /**
     * A pre-activation block is BN-ReLU-conv-BN-ReLU-conv (Zagoruyko & Komodakis 2016): the only
     * non-linearities are the ReLU layers and the softmax output. DL4J's builders default to a sigmoid,
     * so every convolution and batch normalisation must say "identity" explicitly.
     */
    @Test
    void wrnIsLinearExceptItsReluLayersAndSoftmaxOutput() {
        ComputationGraph net = Architectures.wrn(10, 1, 1, 16, 10, 0, new Nesterovs(0.1, 0.9), 1e-3);
        List<String> checked = new ArrayList<>();
        net.getConfiguration().getVertices().forEach((name, vertex) -> {
            if (!(vertex instanceof LayerVertex lv)) {
                return;
            }
            Layer layer = lv.getLayerConf().getLayer();
            if (layer instanceof ActivationLayer a) {
                assertTrue(a.getActivationFn() instanceof ActivationReLU, name + ": " + a.getActivationFn());
            } else if (layer instanceof OutputLayer o) {
                assertTrue(o.getActivationFn() instanceof ActivationSoftmax, name + ": " + o.getActivationFn());
            } else if (layer instanceof ConvolutionLayer || layer instanceof BatchNormalization) {
                assertTrue(((BaseLayer) layer).getActivationFn() instanceof ActivationIdentity,
                        name + " must be linear but applies " + ((BaseLayer) layer).getActivationFn());
                checked.add(name);
            }
        });
        // stem + 3 groups x (2 convs + 2 BN) + 2 projections + final BN
        assertEquals(1 + 3 * 4 + 2 + 1, checked.size(), checked.toString());
    }
}
