package org.isrepro.reproduction.lockstep;

import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.isrepro.records.RecordFiles;

/**
 * NumPy's .npy format, version 1.0 (little-endian, C order): enough for the twin to read arrays with
 * {@code numpy.load}. Each file is written atomically.
 */
public final class Npy {
    private Npy() {
    }

    public static void writeFloat(Path file, float[] values, long... shape) {
        check(values.length, shape);
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        write(file, "<f4", shape, b.array());
    }

    public static void writeDouble(Path file, double[] values, long... shape) {
        check(values.length, shape);
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        write(file, "<f8", shape, b.array());
    }

    public static void writeLong(Path file, long[] values, long... shape) {
        check(values.length, shape);
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        write(file, "<i8", shape, b.array());
    }

    private static void check(int length, long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException(length + " values for shape " + java.util.Arrays.toString(shape));
        }
    }

    /** The header: magic, version, little-endian length, a Python dict literal padded to 64 bytes. */
    static byte[] header(String descr, long[] shape) {
        StringBuilder s = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': (");
        for (long d : shape) {
            s.append(d).append(", ");
        }
        s.setLength(s.length() - Math.min(shape.length, 2)); // (a, b), but (a,) for one dimension and () for none
        s.append("), }");
        int unpadded = 10 + s.length() + 1;
        s.append(" ".repeat((64 - unpadded % 64) % 64)).append('\n');
        byte[] dict = s.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) dict.length).put(dict);
        return b.array();
    }

    private static void write(Path file, String descr, long[] shape, byte[] data) {
        RecordFiles.writeWith(file, (OutputStream out) -> {
            DataOutputStream d = new DataOutputStream(out);
            d.write(header(descr, shape));
            d.write(data);
            d.flush();
        });
    }
}
