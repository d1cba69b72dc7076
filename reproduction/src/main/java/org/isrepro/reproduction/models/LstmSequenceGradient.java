package org.isrepro.reproduction.models;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The gradient of §4.4's LSTM layer (sigmoid gates, tanh cell and output, no peepholes) over a whole sequence in
 * float, organised so that few array operations run per time step (docs/benchmarks.md, "The LSTM's backward pass").
 *
 * <p>With gate pre-activations {@code z_t = x_t W + h_{t-1} R + b} in DL4J's block order (cell candidate g, forget
 * f, output o, input i), {@code c_t = f ⊙ c_{t-1} + i ⊙ g} and {@code h_t = o ⊙ tanh(c_t)}, back-propagation
 * through time is, per step from the last,
 * <pre>
 *   dh   = dL/dh_t + dz_{t+1} Rᵀ
 *   dz_o = dh ⊙ tanh(c_t) ⊙ o(1-o)
 *   dc   = dh ⊙ o ⊙ (1 - tanh²(c_t)) + dc_{t+1} ⊙ f_{t+1}
 *   dz_g = dc ⊙ i ⊙ (1-g²),  dz_f = dc ⊙ c_{t-1} ⊙ f(1-f),  dz_i = dc ⊙ g ⊙ i(1-i)
 * </pre>
 * and then {@code dW = Σ_t x_tᵀ dz_t}, {@code dR = Σ_t h_{t-1}ᵀ dz_t}, {@code db = Σ_t Σ_batch dz_t},
 * {@code dx_t = dz_t Wᵀ}. The forward pass is recomputed first, keeping every step's activations, as DL4J's own
 * LSTM does. The matrix products run in BLAS (the input projection and the four sums over time as one product each,
 * the recurrence as one per step); the element-wise products, which need no transcendental function, run in plain
 * Java loops over the step's [batch, 4n] block; sigmoid and tanh run as ND4J operations over whole blocks. libnd4j's
 * {@code lstmLayer_bp} instead runs its general cell (peepholes, clipping, sequence lengths, directions) per step
 * as some thirty array operations, whose fixed costs are the step's cost on §4.4's small matrices.
 *
 * <p>Arrays are time-major ([time, batch, size], c order), so each step's slice is one contiguous matrix.
 */
final class LstmSequenceGradient {
    private LstmSequenceGradient() {
    }

    /** What {@link #of} returns: the gradients of the layer's parameters (DL4J's shapes and order) and its input. */
    record Result(INDArray inputWeights, INDArray recurrentWeights, INDArray bias, INDArray input) {
    }

    /**
     * The gradients of a loss with respect to the parameters and the input, given its gradient {@code dh} with
     * respect to every output.
     *
     * @param x  input, time-major [time, batch, nIn], c order
     * @param w  input weights [nIn, 4·nOut], DL4J's block order
     * @param r  recurrent weights [nOut, 4·nOut]
     * @param b  bias [4·nOut] or [1, 4·nOut]
     * @param dh the loss's gradient with respect to the outputs, time-major [time, batch, nOut], c order
     * @param mgr working memory for the intermediate arrays (type {@code BP_WORKING_MEM})
     */
    static Result of(INDArray x, INDArray w, INDArray r, INDArray b, INDArray dh, LayerWorkspaceMgr mgr) {
        if (x.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("the LSTM's sequence gradient is computed in float, got " + x.dataType());
        }
        int steps = (int) x.size(0);
        int batch = (int) x.size(1);
        int nIn = (int) x.size(2);
        int n = (int) r.size(0);
        int g4 = 4 * n;
        int bn = batch * n;
        int bg = batch * g4;
        ArrayType mem = ArrayType.BP_WORKING_MEM;
        DataType type = DataType.FLOAT;

        // Forward pass: a[t] = x_t W + b for every step at once, then h_{t-1} R and the activations per step.
        INDArray a = mgr.createUninitialized(mem, type, new long[] {steps, batch, g4}, 'c');
        INDArray a2 = a.reshape('c', (long) steps * batch, g4);
        INDArray x2 = x.reshape('c', (long) steps * batch, nIn);
        Nd4j.gemm(x2, w, a2, false, false, 1.0, 0.0);
        a2.addiRowVector(b.reshape(1, g4));
        INDArray h = mgr.create(mem, type, new long[] {steps + 1, batch, n}, 'c'); // h[0] = 0
        INDArray tanhCell = mgr.createUninitialized(mem, type, new long[] {batch, n}, 'c');
        float[] act = new float[steps * bg];      // gate activations, [time, batch, 4n]
        float[] cell = new float[(steps + 1) * bn]; // cell states, c[0] = 0
        float[] tanhC = new float[steps * bn];
        float[] hStep = new float[bn];
        FloatBuffer aBuf = buffer(a);
        FloatBuffer hBuf = buffer(h);
        FloatBuffer tBuf = buffer(tanhCell);
        for (int t = 0; t < steps; t++) {
            INDArray at = a.slice(t);
            if (t > 0) {
                Nd4j.gemm(h.slice(t), r, at, false, false, 1.0, 1.0);
            }
            INDArray g = at.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n));
            Nd4j.exec(new Tanh(g, g));
            INDArray sig = at.get(NDArrayIndex.all(), NDArrayIndex.interval(n, g4));
            Nd4j.exec(new Sigmoid(sig, sig));
            aBuf.get(t * bg, act, t * bg, bg);
            int prev = t * bn;
            int cur = (t + 1) * bn;
            for (int s = 0; s < batch; s++) {
                int row = t * bg + s * g4;
                for (int j = 0; j < n; j++) {
                    int k = s * n + j;
                    // c_t = f ⊙ c_{t-1} + i ⊙ g
                    cell[cur + k] = act[row + n + j] * cell[prev + k] + act[row + 3 * n + j] * act[row + j];
                }
            }
            tBuf.put(0, cell, cur, bn);
            Nd4j.exec(new Tanh(tanhCell, tanhCell));
            tBuf.get(0, tanhC, t * bn, bn);
            for (int s = 0; s < batch; s++) {
                int row = t * bg + s * g4;
                for (int j = 0; j < n; j++) {
                    int k = s * n + j;
                    hStep[k] = act[row + 2 * n + j] * tanhC[t * bn + k]; // h_t = o ⊙ tanh(c_t)
                }
            }
            hBuf.put((t + 1) * bn, hStep, 0, bn);
        }

        // Back-propagation through time, from the last step.
        INDArray dz = mgr.createUninitialized(mem, type, new long[] {steps, batch, g4}, 'c');
        INDArray dhCarry = mgr.createUninitialized(mem, type, new long[] {batch, n}, 'c');
        FloatBuffer dzBuf = buffer(dz);
        FloatBuffer dhBuf = buffer(dh);
        FloatBuffer carryBuf = buffer(dhCarry);
        float[] dhStep = new float[bn];
        float[] carry = new float[bn];
        float[] dcCarry = new float[bn];
        float[] dzStep = new float[bg];
        for (int t = steps - 1; t >= 0; t--) {
            dhBuf.get(t * bn, dhStep, 0, bn);
            if (t < steps - 1) {
                Nd4j.gemm(dz.slice(t + 1), r, dhCarry, false, true, 1.0, 0.0);
                carryBuf.get(0, carry, 0, bn);
                for (int k = 0; k < bn; k++) {
                    dhStep[k] += carry[k];
                }
            }
            for (int s = 0; s < batch; s++) {
                int row = t * bg + s * g4;
                int out = s * g4;
                for (int j = 0; j < n; j++) {
                    int k = s * n + j;
                    float g = act[row + j];
                    float f = act[row + n + j];
                    float o = act[row + 2 * n + j];
                    float i = act[row + 3 * n + j];
                    float tc = tanhC[t * bn + k];
                    float d = dhStep[k];
                    float dc = d * o * (1f - tc * tc);
                    if (t < steps - 1) {
                        dc += dcCarry[k];
                    }
                    dzStep[out + j] = dc * i * (1f - g * g);
                    dzStep[out + n + j] = dc * cell[t * bn + k] * (f * (1f - f));
                    dzStep[out + 2 * n + j] = d * tc * (o * (1f - o));
                    dzStep[out + 3 * n + j] = dc * g * (i * (1f - i));
                    dcCarry[k] = dc * f;
                }
            }
            dzBuf.put(t * bg, dzStep, 0, bg);
        }

        // The sums over time, each one product over all steps.
        INDArray dz2 = dz.reshape('c', (long) steps * batch, g4);
        INDArray hPrev = h.get(NDArrayIndex.interval(0, steps), NDArrayIndex.all(), NDArrayIndex.all())
                .reshape('c', (long) steps * batch, n);
        INDArray dw = Nd4j.gemm(x2, dz2, true, false);
        INDArray dr = Nd4j.gemm(hPrev, dz2, true, false);
        INDArray db = dz2.sum(0);
        INDArray dx = Nd4j.gemm(dz2, w, false, true).reshape('c', steps, batch, nIn);
        return new Result(dw, dr, db, dx);
    }

    /** The float buffer behind a c-ordered array that owns its memory from its first element. */
    private static FloatBuffer buffer(INDArray a) {
        if (a.ordering() != 'c' || a.offset() != 0 || a.data().length() < a.length()) {
            throw new IllegalStateException("expected a c-ordered array of its own, got offset " + a.offset()
                    + ", order " + a.ordering());
        }
        return a.data().asNioFloat();
    }
}
