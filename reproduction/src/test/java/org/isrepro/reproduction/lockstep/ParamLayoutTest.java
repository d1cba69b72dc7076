package org.isrepro.reproduction.lockstep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.models.Architectures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;

/** The export's layout names every parameter as paramTable() does and keeps each as DL4J stores it. */
@Tag(Tags.FAST)
class ParamLayoutTest {
    @TempDir
    Path tmp;

    @Test
    void namedVariablesAreThoseOfParamTableInTheirOwnOrder() {
        MultiLayerNetwork net = Architectures.mlp(new long[] {6}, new int[] {5}, 3, 0, new Nesterovs(0.1, 0.9), 1e-3);
        ParamLayout layout = new ParamLayout(net);
        float[] named = layout.named(net.params());
        assertEquals(net.numParams(), named.length);
        Map<String, INDArray> table = net.paramTable();
        assertEquals(table.keySet(), layout.params().stream().map(ParamLayout.Entry::name)
                .collect(java.util.stream.Collectors.toSet()));
        int at = 0;
        for (ParamLayout.Entry e : layout.params()) {
            INDArray p = table.get(e.name());
            assertArrayEquals(p.shape(), e.shape(), e.name());
            // as stored: the variable's elements in its own order ('f' for dense weights)
            float[] expected = p.dup(p.ordering()).castTo(DataType.FLOAT).data().asFloat();
            float[] got = java.util.Arrays.copyOfRange(named, at, at + expected.length);
            assertArrayEquals(expected, got, e.name());
            at += expected.length;
        }
        // Nesterovs keeps one V per variable
        assertEquals(layout.params().size(), layout.state().size());
        INDArray state = net.getUpdater().getStateViewArray();
        assertEquals(state.length(), layout.namedState(state).length);
    }

    @Test
    void npyFilesHaveNumpysHeaderPaddedTo64Bytes() throws Exception {
        Path f = tmp.resolve("a.npy");
        Npy.writeFloat(f, new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        byte[] b = Files.readAllBytes(f);
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        int headerLength = ByteBuffer.wrap(b, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(b, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), header);
        assertTrue(header.endsWith("\n"), header);
        assertEquals(10 + headerLength + 6 * 4, b.length);
        assertEquals(6f, ByteBuffer.wrap(b, 10 + headerLength + 20, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
        Npy.writeLong(tmp.resolve("b.npy"), new long[] {7}, 1);
        String one = new String(Files.readAllBytes(tmp.resolve("b.npy")), 10, 60, StandardCharsets.US_ASCII);
        assertTrue(one.contains("'shape': (1,)"), one);
    }
}
