package org.isrepro.reproduction.models;

import java.nio.FloatBuffer;

/**
 * {@link LayerNorm}'s float32 arithmetic in plain loops, per sample over its d = C·S values (S = H·W, or 1):
 * forward one pass for the mean μ, one for the variance σ², one for x̂ = (x − μ)/σ and y = γ_c·x̂ + β_c with
 * σ = sqrt(σ² + ε); backward one pass for Σ g and Σ g·x̂ (g = γ_c·dy) and the parameter gradients dγ_c = Σ dy·x̂,
 * dβ_c = Σ dy, and one for dx = (g − mean(g) − x̂·mean(g·x̂))/σ. Sums accumulate in double.
 *
 * <p>The same arithmetic as ND4J operations costs some twenty operations per layer and pass, each a separate
 * native call with its own temporaries; on the WRN stand-in's small tensors their fixed costs were a quarter of
 * a training step (docs/benchmarks.md, "Layer normalisation in plain loops"). Buffers are c-ordered and indexed
 * from 0; the caller checks that ({@link LayerNormLayer}).
 */
final class LayerNormKernel {
    private LayerNormKernel() {
    }

    /**
     * y of n samples of c channels of s values into {@code y} and x̂ into {@code xHat}, each when it is not null; σ of
     * each sample into {@code sigma}.
     */
    static void forward(FloatBuffer x, int n, int c, int s, float[] gamma, float[] beta, double eps, FloatBuffer y,
            FloatBuffer xHat, float[] sigma) {
        int d = c * s;
        for (int i = 0; i < n; i++) {
            int base = i * d;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int j = 0;
            for (; j + 3 < d; j += 4) {
                s0 += x.get(base + j);
                s1 += x.get(base + j + 1);
                s2 += x.get(base + j + 2);
                s3 += x.get(base + j + 3);
            }
            for (; j < d; j++) {
                s0 += x.get(base + j);
            }
            double mean = (s0 + s1 + s2 + s3) / d;
            double v0 = 0, v1 = 0, v2 = 0, v3 = 0;
            j = 0;
            for (; j + 3 < d; j += 4) {
                double a = x.get(base + j) - mean;
                double b = x.get(base + j + 1) - mean;
                double e = x.get(base + j + 2) - mean;
                double f = x.get(base + j + 3) - mean;
                v0 += a * a;
                v1 += b * b;
                v2 += e * e;
                v3 += f * f;
            }
            for (; j < d; j++) {
                double a = x.get(base + j) - mean;
                v0 += a * a;
            }
            float sd = (float) Math.sqrt((v0 + v1 + v2 + v3) / d + eps);
            sigma[i] = sd;
            float mu = (float) mean;
            for (int ch = 0; ch < c; ch++) {
                float g = gamma[ch];
                float b = beta[ch];
                int from = base + ch * s;
                for (int k = from; k < from + s; k++) {
                    float h = (x.get(k) - mu) / sd;
                    if (xHat != null) {
                        xHat.put(k, h);
                    }
                    if (y != null) {
                        y.put(k, g * h + b);
                    }
                }
            }
        }
    }

    /**
     * dx into {@code dx} and dγ, dβ added into {@code dGamma}, {@code dBeta} (per channel, over samples and
     * positions), from x̂ and σ of the forward pass and the upstream gradient dy.
     */
    static void backward(FloatBuffer xHat, float[] sigma, FloatBuffer dy, int n, int c, int s, float[] gamma,
            FloatBuffer dx, double[] dGamma, double[] dBeta) {
        int d = c * s;
        for (int i = 0; i < n; i++) {
            int base = i * d;
            double sumG = 0;
            double sumGXHat = 0;
            for (int ch = 0; ch < c; ch++) {
                float gm = gamma[ch];
                double dg = 0;
                double db = 0;
                double sg = 0;
                double sgx = 0;
                int from = base + ch * s;
                for (int k = from; k < from + s; k++) {
                    float e = dy.get(k);
                    float h = xHat.get(k);
                    float g = gm * e;
                    db += e;
                    dg += e * h;
                    sg += g;
                    sgx += g * h;
                }
                dGamma[ch] += dg;
                dBeta[ch] += db;
                sumG += sg;
                sumGXHat += sgx;
            }
            float meanG = (float) (sumG / d);
            float meanGXHat = (float) (sumGXHat / d);
            float sd = sigma[i];
            for (int ch = 0; ch < c; ch++) {
                float gm = gamma[ch];
                int from = base + ch * s;
                for (int k = from; k < from + s; k++) {
                    dx.put(k, (gm * dy.get(k) - meanG - xHat.get(k) * meanGXHat) / sd);
                }
            }
        }
    }
}
