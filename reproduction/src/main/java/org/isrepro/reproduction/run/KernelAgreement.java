package org.isrepro.reproduction.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.isrepro.reproduction.models.Architectures;
import org.isrepro.reproduction.models.Normalisation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Whether this machine's kernels compute what they should, at the shapes of the cpu §4.2 stand-in (WRN-10-1 on
 * 16×16 single-channel images, 10 classes, b = 32, B = 160; docs/machines.md):
 * <ul>
 *   <li>the output layer's matrix products through ND4J's BLAS (the forward product of a step and of a scoring
 *   pass, and the two products of its backward pass) against the same products summed in double precision;</li>
 *   <li>the whole network's inference output on a presample of B and its gradient on a batch of b with DL4J's
 *   oneDNN layer helpers against the same network on ND4J's own implementations.</li>
 * </ul>
 * A correct float32 kernel differs from the reference by a few units of float rounding (about 1e-6 relative,
 * docs/machines.md); a kernel chosen wrongly for the processor (the failure old OpenBLAS builds are known for)
 * gives errors of order one. {@link #TOLERANCE} sits between the two.
 */
public final class KernelAgreement {
    /** Relative error above which a kernel is reported wrong: 30 times the largest measured correct one. */
    public static final double TOLERANCE = 1e-4;
    static final String HELPERS = "org.eclipse.deeplearning4j.helpers.disable";

    /** One comparison: what was computed, with which shapes, and its relative error against the reference. */
    public record Result(String kernel, String shape, double relativeError) {
        public boolean ok() {
            return relativeError <= TOLERANCE;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%-7s %-48s %-28s relative error %.2e", ok() ? "ok" : "WRONG",
                    kernel, shape, relativeError);
        }
    }

    private KernelAgreement() {
    }

    /** Every comparison; loads ND4J. */
    public static List<Result> measure() {
        List<Result> out = new ArrayList<>(gemm());
        out.addAll(network());
        return out;
    }

    /**
     * The output layer's products (64 pooled features to 10 classes): z = x W for b and B rows, dW = xᵀ δ and
     * dx = δ Wᵀ. The error is normalised by Σ_k |a_ik||b_kj|, the scale of float rounding in a sum of products.
     */
    static List<Result> gemm() {
        Nd4j.getRandom().setSeed(20180101);
        List<Result> out = new ArrayList<>();
        int features = 64;
        int classes = 10;
        INDArray w = Nd4j.randn(DataType.FLOAT, features, classes);
        for (int rows : new int[]{32, 160}) {
            INDArray x = Nd4j.randn(DataType.FLOAT, rows, features);
            out.add(new Result("sgemm (BLAS) z = x W", rows + "x" + features + " * " + features + "x" + classes,
                    error(x, w, x.mmul(w))));
        }
        INDArray x = Nd4j.randn(DataType.FLOAT, 32, features);
        INDArray delta = Nd4j.randn(DataType.FLOAT, 32, classes);
        out.add(new Result("sgemm (BLAS) dW = x^T delta", features + "x32 * 32x" + classes,
                error(x.transpose(), delta, x.transpose().mmul(delta))));
        out.add(new Result("sgemm (BLAS) dx = delta W^T", "32x" + classes + " * " + classes + "x" + features,
                error(delta, w.transpose(), delta.mmul(w.transpose()))));
        return out;
    }

    static double error(INDArray a, INDArray b, INDArray c) {
        double[][] av = a.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] bv = b.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] cv = c.castTo(DataType.DOUBLE).toDoubleMatrix();
        double worst = 0;
        for (int i = 0; i < av.length; i++) {
            for (int j = 0; j < bv[0].length; j++) {
                double sum = 0;
                double abs = 0;
                for (int k = 0; k < bv.length; k++) {
                    sum += av[i][k] * bv[k][j];
                    abs += Math.abs(av[i][k] * bv[k][j]);
                }
                worst = Math.max(worst, Math.abs(cv[i][j] - sum) / Math.max(abs, Double.MIN_NORMAL));
            }
        }
        return worst;
    }

    /**
     * The WRN-10-1 of the cpu stand-in, once on DL4J's oneDNN helpers (convolution, batch normalisation, pooling)
     * and once on ND4J's own layers, same parameters and data: inference output on B = 160 and every parameter's
     * gradient on b = 32, in relative L2 norm. Without oneDNN in the native build both are ND4J's and agree exactly.
     * Built with batch normalisation, the variant that has a oneDNN helper to compare (layer normalisation is
     * ND4J operations either way).
     */
    static List<Result> network() {
        String before = System.getProperty(HELPERS);
        ComputationGraph helpers;
        ComputationGraph own;
        try {
            System.setProperty(HELPERS, "false");
            helpers = Architectures.wrn(10, 1, 1, 16, 10, 0, new Nesterovs(0.1, 0.9), 1e-3, Normalisation.BATCH);
            System.setProperty(HELPERS, "true");
            own = Architectures.wrn(10, 1, 1, 16, 10, 0, new Nesterovs(0.1, 0.9), 1e-3, Normalisation.BATCH);
        } finally {
            if (before == null) {
                System.clearProperty(HELPERS);
            } else {
                System.setProperty(HELPERS, before);
            }
        }
        own.setParams(helpers.params().dup());
        Nd4j.getRandom().setSeed(20180102);
        INDArray presample = Nd4j.rand(DataType.FLOAT, 160, 1, 16, 16);
        List<Result> out = new ArrayList<>();
        out.add(new Result("network inference output (oneDNN vs ND4J)", "B = 160, WRN-10-1 16x16",
                relative(helpers.outputSingle(false, presample), own.outputSingle(false, presample))));
        INDArray batch = presample.get(NDArrayIndex.interval(0, 32)).dup();
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            labels.putScalar(i, i % 10, 1f);
        }
        Map<String, INDArray> a = gradient(helpers, batch, labels);
        Map<String, INDArray> b = gradient(own, batch, labels);
        double worst = 0;
        String where = "";
        for (Map.Entry<String, INDArray> e : a.entrySet()) {
            double r = relative(e.getValue(), b.get(e.getKey()));
            if (r >= worst) {
                worst = r;
                where = e.getKey();
            }
        }
        out.add(new Result("network gradient (oneDNN vs ND4J), worst: " + where, "b = 32, WRN-10-1 16x16", worst));
        return out;
    }

    private static Map<String, INDArray> gradient(ComputationGraph net, INDArray x, INDArray y) {
        net.setInputs(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        Gradient g = net.gradient();
        Map<String, INDArray> out = new java.util.TreeMap<>();
        g.gradientForVariable().forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    private static double relative(INDArray value, INDArray reference) {
        INDArray r = reference.castTo(DataType.DOUBLE);
        double norm = r.norm2Number().doubleValue();
        return value.castTo(DataType.DOUBLE).sub(r).norm2Number().doubleValue() / Math.max(norm, Double.MIN_NORMAL);
    }
}
