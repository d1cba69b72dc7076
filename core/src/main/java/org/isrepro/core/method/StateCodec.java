package org.isrepro.core.method;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checkpoint values that stay JSON-friendly: vectors as base64 of little-endian doubles or ints (exact,
 * and about a third of the size of a JSON number list), counters as numbers.
 */
final class StateCodec {
    private StateCodec() {
    }

    static String encode(double[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(values);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    static String encode(int[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(values);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    static String encode(INDArray vector) {
        return encode(vector.reshape(vector.length()).toDoubleVector());
    }

    static double[] doubles(Map<String, Object> state, String key) {
        byte[] bytes = bytes(state, key);
        if (bytes.length % Double.BYTES != 0) {
            throw new IllegalArgumentException("checkpoint value '" + key + "' is not a whole number of doubles");
        }
        double[] out = new double[bytes.length / Double.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }

    static int[] ints(Map<String, Object> state, String key) {
        byte[] bytes = bytes(state, key);
        if (bytes.length % Integer.BYTES != 0) {
            throw new IllegalArgumentException("checkpoint value '" + key + "' is not a whole number of ints");
        }
        int[] out = new int[bytes.length / Integer.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    /** A double-precision vector; callers cast it to the network's data type where they use it. */
    static INDArray vector(Map<String, Object> state, String key) {
        return Nd4j.createFromArray(doubles(state, key)).castTo(DataType.DOUBLE);
    }

    static long number(Map<String, Object> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("checkpoint state has no numeric '" + key + "': " + state.keySet());
        }
        return n.longValue();
    }

    static double real(Map<String, Object> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("checkpoint state has no numeric '" + key + "': " + state.keySet());
        }
        return n.doubleValue();
    }

    private static byte[] bytes(Map<String, Object> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("checkpoint state has no base64 string '" + key + "': "
                    + state.keySet());
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint value '" + key + "' is not base64: " + e.getMessage(), e);
        }
    }
}
