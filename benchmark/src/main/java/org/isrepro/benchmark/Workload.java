package org.isrepro.benchmark;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.isrepro.core.model.NativeDefaults;
import org.isrepro.reproduction.models.Architectures;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The four networks the benchmarks time (the {@code model} parameter), built by the experiments'
 * {@link Architectures}, and random inputs of their shapes. Updaters and weight decay are the experiments';
 * the learning rate is small so that thousands of benchmark steps on random labels stay finite.
 */
public enum Workload {
    /** 784 → 512 → 512 → 10, ReLU; flattened 28×28 images. The network the Goodfellow trick applies to. */
    MLP("mlp", 784) {
        @Override
        Model network(long seed) {
            return Architectures.mlp(new long[] {784}, new int[] {512, 512}, 10, seed, new Nesterovs(LEARNING_RATE, 0.9), 1e-3);
        }
    },
    /** LeNet of §4.1 (conv5-20, pool, conv5-50, pool, dense 500) on 1×28×28 images. */
    LENET("lenet", 1, 28, 28) {
        @Override
        Model network(long seed) {
            return Architectures.lenet(1, 28, 28, 10, seed, new Nesterovs(LEARNING_RATE, 0.9), 1e-3);
        }
    },
    /** WRN-10-1 on 1×32×32 images: the cpu-scale stand-in for §4.2's WRN-28-2. */
    WRN("wrn", 1, 32, 32) {
        @Override
        Model network(long seed) {
            return Architectures.wrn(10, 1, 1, 32, 10, seed, new Nesterovs(LEARNING_RATE, 0.9), 1e-3);
        }
    },
    /**
     * WRN-10-1 on 1×16×16 images: the network the cpu scale actually trains for §4.2 (Fashion-MNIST downsampled
     * to 14×14 and padded to 16×16, {@code PaperExperiments.wrn}); the peer benchmark times it.
     */
    WRN16("wrn16", 1, 16, 16) {
        @Override
        Model network(long seed) {
            return Architectures.wrn(10, 1, 1, 16, 10, seed, new Nesterovs(LEARNING_RATE, 0.9), 1e-3);
        }
    },
    /** LSTM-32 over 196 pixels (14×14 MNIST as a sequence, §4.4's stand-in): inputs [n, 1, 196]. */
    LSTM("lstm", 1, 196) {
        @Override
        Model network(long seed) {
            return Architectures.lstm(1, 32, 10, seed, new Adam(1e-3));
        }
    },
    /**
     * LSTM-64 over 14 steps of 14 permuted pixels: the network the cpu scale trains for §4.4 now
     * ({@code PaperExperiments.lstm}; docs/statistics.md, "Sizing"): inputs [n, 14, 14] (features × time).
     */
    LSTM64X14("lstm64x14", 14, 14) {
        @Override
        Model network(long seed) {
            return Architectures.lstm(14, 64, 10, seed, new Adam(1e-3));
        }
    };

    static {
        NativeDefaults.apply(); // before ND4J loads: every benchmark builds its network here
    }

    static final double LEARNING_RATE = 0.01;
    static final int CLASSES = 10;

    private final String id;
    private final long[] sampleShape;

    Workload(String id, long... sampleShape) {
        this.id = id;
        this.sampleShape = sampleShape;
    }

    abstract Model network(long seed);

    public String id() {
        return id;
    }

    /** The shape of one sample, without the batch dimension. */
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    public static Workload of(String id) {
        for (Workload w : values()) {
            if (w.id.equals(id)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown model '" + id + "'; known: "
                + Arrays.stream(values()).map(Workload::id).toList());
    }

    /** n samples: features uniform in [0, 1) (float, like normalised pixels), one-hot labels of 10 classes. */
    public DataSet data(int n, long seed) {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, shape);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, CLASSES);
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, r.nextInt(CLASSES), 1.0);
        }
        return new DataSet(x, y);
    }
}
