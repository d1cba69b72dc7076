package org.isrepro.core.method;

import java.util.Arrays;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Passes over many samples in chunks, so that no more than one chunk of data and activations is in memory:
 * the full (or large-batch) gradients of the variance-reduced methods and the re-scoring of the history
 * baselines.
 */
final class FullPass {
    private FullPass() {
    }

    /** (1/n) Σ ∇L_i over {@code indices}, data loss only: chunk gradients weighted by chunk size. Costs 3n. */
    static INDArray meanGradient(Model model, SampleSource data, int[] indices, int chunkSize) {
        INDArray sum = null;
        int n = indices.length;
        for (int from = 0; from < n; from += chunkSize) {
            int[] part = Arrays.copyOfRange(indices, from, Math.min(n, from + chunkSize));
            INDArray g = model.gradient(data.get(part), null).muli((double) part.length / n);
            sum = sum == null ? g : sum.addi(g);
        }
        if (sum == null) {
            throw new IllegalArgumentException("cannot average the gradient of no samples");
        }
        return sum;
    }

    /** (1/N) Σ ∇L_i over the whole training set. Costs 3N. */
    static INDArray meanGradient(Model model, SampleSource data, int chunkSize) {
        return meanGradient(model, data, range(data.size()), chunkSize);
    }

    /** L_i for every sample, inference mode. Costs N. */
    static double[] losses(Model model, SampleSource data, int chunkSize) {
        int n = data.size();
        double[] out = new double[n];
        for (int from = 0; from < n; from += chunkSize) {
            int start = from;
            int[] part = new int[Math.min(n, from + chunkSize) - from];
            Arrays.setAll(part, k -> start + k);
            double[] l = model.forward(data.get(part), chunkSize).losses();
            System.arraycopy(l, 0, out, from, l.length);
        }
        return out;
    }

    static int[] range(int n) {
        int[] out = new int[n];
        Arrays.setAll(out, k -> k);
        return out;
    }

    /** Per-sample data losses of the last training pass (before its update), or null if the model has none. */
    static double[] trainingLosses(Model model) {
        ForwardResult seen = model.lastTrainingForward();
        return seen == null ? null : seen.losses();
    }

    static double mean(double[] values) {
        if (values == null || values.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }
}
