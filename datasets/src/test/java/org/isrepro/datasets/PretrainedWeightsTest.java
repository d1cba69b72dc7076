package org.isrepro.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.pretrained.PretrainedWeights;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("smoke")
class PretrainedWeightsTest {
    @TempDir Path tmp;

    @AfterEach
    void restoreResourceDirectory() {
        DL4JResources.resetBaseDirectoryLocation();
    }

    @Test
    void offlineWithoutWeightsNamesUrlFileChecksumAndPlace() {
        DL4JResources.setBaseDirectory(tmp.toFile());
        DatasetException e = assertThrows(DatasetException.class,
                () -> PretrainedWeights.ensureResnet50(true));
        assertEquals(Kind.MISSING, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("https://dl4jdata.blob.core.windows.net/models/resnet50_dl4j_inference.v3.zip"), m);
        assertTrue(m.contains("3914447815"), m);
        assertTrue(m.contains(tmp.resolve("models/resnet50/resnet50_dl4j_inference.v3.zip").toString()), m);
    }

    @Test
    void corruptWeightFileIsAChecksumMismatch() {
        DL4JResources.setBaseDirectory(tmp.toFile());
        Fixtures.write(PretrainedWeights.resnet50File(), new byte[] {1, 2, 3});
        assertEquals(Kind.CHECKSUM_MISMATCH, assertThrows(DatasetException.class,
                () -> PretrainedWeights.ensureResnet50(true)).kind());
    }

    @Test
    void randomWeightResNet50BuildsWithTheRequestedNumberOfClasses() {
        long t0 = System.nanoTime();
        ComputationGraph g = PretrainedWeights.resnet50(67, false, 1);
        System.out.println("ResNet-50 (random) build: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        OutputLayer out = (OutputLayer) g.getLayer(PretrainedWeights.outputLayerName(false)).conf()
                .getLayer();
        assertEquals(67, out.getNOut());
        assertTrue(g.numParams() > 20_000_000, "a full ResNet-50, not a toy: " + g.numParams());
    }
}
