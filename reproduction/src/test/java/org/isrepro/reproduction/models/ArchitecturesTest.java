package org.isrepro.reproduction.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.isrepro.core.model.OneDnn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.nativeblas.NativeOpsHolder;

@Tag("fast")
class ArchitecturesTest {

    /**
     * A pre-activation block is norm-ReLU-conv-norm-ReLU-conv (Zagoruyko & Komodakis 2016): the only
     * non-linearities are the ReLU layers and the softmax output. DL4J's builders default to a sigmoid,
     * so every convolution and normalisation must say "identity" explicitly.
     */
    @ParameterizedTest
    @EnumSource(Normalisation.class)
    void wrnIsLinearExceptItsReluLayersAndSoftmaxOutput(Normalisation norm) {
        ComputationGraph net = Architectures.wrn(10, 1, 1, 16, 10, 0, new Nesterovs(0.1, 0.9), 1e-3, norm);
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
            } else if (layer instanceof ConvolutionLayer || layer instanceof BatchNormalization
                    || layer instanceof LayerNorm) {
                assertTrue(((BaseLayer) layer).getActivationFn() instanceof ActivationIdentity,
                        name + " must be linear but applies " + ((BaseLayer) layer).getActivationFn());
                checked.add(name);
            }
        });
        // stem + 3 groups x (2 convs + 2 norms) + 2 projections + final norm
        assertEquals(1 + 3 * 4 + 2 + 1, checked.size(), checked.toString());
        String p = norm.prefix();
        assertTrue(checked.containsAll(List.of("g0b0_" + p + "1", "g2b0_" + p + "2", p + "_final")), checked.toString());
    }

    /** The experiments' WRN is the reference code's: layer normalisation unless a run asks for batch. */
    @Test
    void wrnDefaultsToLayerNormalisationWithoutWeightDecayOnItsParameters() {
        ComputationGraph net = Architectures.wrn(10, 1, 1, 16, 10, 0, new Nesterovs(0.1, 0.9), 1e-3);
        Layer ln = ((LayerVertex) net.getConfiguration().getVertices().get("g1b0_ln1")).getLayerConf().getLayer();
        assertTrue(ln instanceof LayerNorm, ln.toString());
        assertTrue(ln.getRegularizationByParam(LayerNormParams.GAMMA).isEmpty());
        assertTrue(ln.getRegularizationByParam(LayerNormParams.BETA).isEmpty());
        Layer conv = ((LayerVertex) net.getConfiguration().getVertices().get("g1b0_conv1")).getLayerConf().getLayer();
        assertEquals(1, conv.getRegularizationByParam("W").size(), "the convolutions keep their l2");
        assertEquals(java.util.List.of(16L, 16L), java.util.List.of(net.getParam("g1b0_ln1_gamma").length(),
                net.getParam("g1b0_ln1_beta").length()));
    }

    /**
     * With a native build that has oneDNN, the WRN's convolutions and batch norms run on oneDNN's kernels,
     * not on ND4J's im2col (docs/benchmarks.md, "oneDNN"); skipped on builds without oneDNN.
     */
    @Test
    void onAOneDnnBuildWrnLayersUseOneDnnHelpers() throws ReflectiveOperationException {
        assumeTrue(NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN"),
                "the loaded nd4j-native build has no oneDNN");
        ComputationGraph net = Architectures.wrn(10, 1, 1, 16, 10, 0, new Nesterovs(0.1, 0.9), 1e-3,
                Normalisation.BATCH);
        assertTrue(OneDnn.active(), "oneDNN build loaded but OneDnn.active() is false");
        for (String name : new String[] {"stem", "g0b0_conv1", "g0b0_bn1"}) {
            Object layer = net.getLayer(name);
            java.lang.reflect.Field helper = layer.getClass().getDeclaredField("helper");
            helper.setAccessible(true);
            assertNotNull(helper.get(layer), name + " has no oneDNN helper: DL4J falls back to im2col");
        }
    }
}
