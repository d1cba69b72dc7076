package org.isrepro.core.method.rais;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of RAIS-SGD. The paper's defaults were not recoverable (spec §7, §8.5); every default
 * here is the spec's [ASSUME] or "suggested" choice and is named so that a record shows it.
 *
 * @param batchSize          |M|, as the SGD baseline [P]
 * @param alpha              EMA parameter of A, U1, R1 — NOT FOUND; default 0.01, bias-corrected [ASSUME]
 * @param dSize              |D|, rows of the (PT) window; (PT) is solved every ⌈|D|/|M|⌉ steps [S] —
 *                           size NOT FOUND; default 20·|M| [ASSUME]
 * @param warmupEpochs       uniform sampling with r = 1 until the first (PT) solve after this many epochs —
 *                           NOT FOUND; default 1 [ASSUME]
 * @param gainRatio          how U1, R1, A give r (spec §4 scale caveat) — UNKNOWN; default
 *                           {@link GainRatio.Form#PROXY_RATIO} [ASSUME], the option the spec's toy used
 * @param rMin               lower guard on r so that the learning rate stays positive [ASSUME], default 0.1
 * @param rMax               upper safety cap on r — clipping NOT FOUND; default 10 [ASSUME]
 * @param initialGainRatio   r^(0) [ASSUME, as AdaScale], default 1
 * @param uniformFloor       ε: p_i = (u_i/Σu + ε/n)/(1+ε), an additive floor keeping every p_i > 0 so the
 *                           estimator stays unbiased if some u_i = 0 [ASSUME; not in the paper], default 1e-3
 * @param features           the feature map s_i — NOT FOUND (only the stale norm is confirmed [S])
 * @param featuresBeforeRefresh whether a (PT) row stores s̃ as it was when drawn (the spec's reading) or
 *                           after the row's own norm refreshed it [ASSUME], default true
 * @param ptOuterIterations  (PT) alternations (the paper's solver is NOT FOUND) [D], default 100
 * @param ptInnerIterations  multiplicative e-updates per alternation [D], default 30
 */
public record RaisConfig(int batchSize, double alpha, int dSize, double warmupEpochs, GainRatio.Form gainRatio,
                         double rMin, double rMax, double initialGainRatio, double uniformFloor, Features features,
                         boolean featuresBeforeRefresh, int ptOuterIterations, int ptInnerIterations) {

    /** Candidate feature maps (spec §3.4); both are [ASSUME]. */
    public enum Features {
        /** s_i = [v_i^last, 1{y_i=1}, ..., 1{y_i=K}], d_R = K+1 (the spec's default). */
        LAST_NORM_AND_CLASS,
        /**
         * s_i = [v_last·1{seen less than an epoch ago}, v_last·1{older}, class one-hot], d_R = K+2, so that
         * d can give stale values more uncertainty (the spec's optional split).
         */
        LAST_NORM_BY_STALENESS_AND_CLASS
    }

    public RaisConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size |M| must be >= 1, got " + batchSize);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("EMA parameter alpha must be in (0, 1], got " + alpha);
        }
        if (dSize < batchSize) {
            throw new IllegalArgumentException("|D| = " + dSize + " must be at least the batch size " + batchSize
                    + " ((PT) is refitted every ceil(|D|/|M|) minibatches)");
        }
        if (!(warmupEpochs >= 0) || Double.isInfinite(warmupEpochs)) {
            throw new IllegalArgumentException("warm-up epochs must be finite and >= 0, got " + warmupEpochs);
        }
        if (gainRatio == null || features == null) {
            throw new IllegalArgumentException("gain-ratio form and feature map must be given");
        }
        if (!(rMin > 0) || !(rMax >= rMin) || Double.isInfinite(rMax)) {
            throw new IllegalArgumentException("need 0 < rMin <= rMax < infinity, got rMin=" + rMin + ", rMax=" + rMax);
        }
        if (!(initialGainRatio >= rMin && initialGainRatio <= rMax)) {
            throw new IllegalArgumentException("r^(0) = " + initialGainRatio + " must lie in [rMin, rMax]");
        }
        if (!(uniformFloor >= 0) || Double.isInfinite(uniformFloor)) {
            throw new IllegalArgumentException("uniform floor epsilon must be finite and >= 0, got " + uniformFloor);
        }
        if (ptOuterIterations < 1 || ptInnerIterations < 1) {
            throw new IllegalArgumentException("(PT) iterations must be >= 1");
        }
    }

    /** The spec's suggested settings for batch size b. */
    public static RaisConfig defaults(int batchSize) {
        return new RaisConfig(batchSize, 0.01, 20 * batchSize, 1.0, GainRatio.Form.PROXY_RATIO, 0.1, 10.0, 1.0, 1e-3,
                Features.LAST_NORM_AND_CLASS, true, 100, 30);
    }

    /** Overrides by name (the keys of {@link #describe}); unknown keys are rejected. */
    public RaisConfig with(Map<String, Object> overrides) {
        Map<String, Object> m = describe();
        for (Map.Entry<String, Object> e : overrides.entrySet()) {
            if (!m.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown RAIS parameter '" + e.getKey() + "'; known: " + m.keySet());
            }
            m.put(e.getKey(), e.getValue());
        }
        return new RaisConfig(num(m, "batchSize").intValue(), num(m, "alpha").doubleValue(),
                num(m, "dSize").intValue(), num(m, "warmupEpochs").doubleValue(),
                GainRatio.Form.valueOf(String.valueOf(m.get("gainRatio"))), num(m, "rMin").doubleValue(),
                num(m, "rMax").doubleValue(), num(m, "initialGainRatio").doubleValue(),
                num(m, "uniformFloor").doubleValue(), Features.valueOf(String.valueOf(m.get("features"))),
                Boolean.parseBoolean(String.valueOf(m.get("featuresBeforeRefresh"))),
                num(m, "ptOuterIterations").intValue(), num(m, "ptInnerIterations").intValue());
    }

    private static Number num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof Number n) {
            return n;
        }
        try {
            return Double.valueOf(String.valueOf(v));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("RAIS parameter '" + key + "' must be a number, got '" + v + "'");
        }
    }

    /** (PT) is solved every ⌈|D|/|M|⌉ steps [S]. */
    public int ptEvery() {
        return (dSize + batchSize - 1) / batchSize;
    }

    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batchSize", batchSize);
        m.put("alpha", alpha);
        m.put("dSize", dSize);
        m.put("warmupEpochs", warmupEpochs);
        m.put("gainRatio", gainRatio.name());
        m.put("rMin", rMin);
        m.put("rMax", rMax);
        m.put("initialGainRatio", initialGainRatio);
        m.put("uniformFloor", uniformFloor);
        m.put("features", features.name());
        m.put("featuresBeforeRefresh", featuresBeforeRefresh);
        m.put("ptOuterIterations", ptOuterIterations);
        m.put("ptInnerIterations", ptInnerIterations);
        return m;
    }
}
