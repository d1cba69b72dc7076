package org.isrepro.core.method.rais;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.Method;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.StepReport;
import org.isrepro.core.model.Cost;
import org.isrepro.core.model.DlModel;
import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.Model;
import org.isrepro.core.score.UpperBoundScorer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * RAIS-SGD (spec §3-4, §7). Each step t:
 * <ol>
 *   <li>t̂ += r^(t−1) and η = r^(t−1) · lr_sched(t̂) (the effective iteration, [P]).</li>
 *   <li>Draw |M| examples i.i.d. with p_i ∝ ⟨c + γd, s_i⟩ (closed form of (PR)), uniformly before the first
 *       (PT) solve, and step on the weighted loss with ω_k = 1/(n p_k).</li>
 *   <li>Per-example norms ṽ_k = ‖∂L_k/∂z_k‖ (the loss-layer proxy [S][P]) from the step's own forward
 *       pass; update the moving averages and r^(t).</li>
 *   <li>Store (s̃, ṽ, 1/p) rows in D, refresh the features, and every ⌈|D|/|M|⌉ steps after the warm-up
 *       refit (c, d) by (PT).</li>
 * </ol>
 *
 * <p>Deviations, documented in docs/rais.md: η uses r^(t−1) rather than r^(t) (DL4J needs the learning
 * rate before the forward pass that measures r^(t); the averages move by O(α) per step), so the
 * learning-rate multiplier and t̂'s increment are the same number; (PT) is solved synchronously, not on a
 * background thread, so a resumed run is bit-identical; the runner's own lr(t) is ignored. Sampling,
 * feature updates and the (PT) solve cost no forward or backward pass, so the cost clock charges 3|M| per
 * step, like uniform SGD; the wall clock includes them.
 */
public final class Rais implements Method {
    public static final String ID = "rais";

    private final RaisConfig config;
    private final EffectiveSchedule schedule;
    private final PtSolver solver;
    private final GainRatio gain;
    private final UpperBoundScorer proxy = new UpperBoundScorer();

    // run state
    private long t;
    private double tHat;
    private double r;
    private double[] c;
    private double[] d;
    private final ArrayDeque<PtSolver.Row> window = new ArrayDeque<>();
    private int ptSolves;
    private double lastRawGain = Double.NaN;

    // per-training-set state, built at the first step (or from a checkpoint)
    private int n = -1;
    private int classes;
    private int[] labels;
    private FeatureTable table;
    private double[] vLast;
    private long[] lastSeen;
    private final ArrayDeque<long[]> seenQueue = new ArrayDeque<>();  // (step, example) for staleness
    private Map<String, Object> pendingRestore;
    private GradientTap tap;

    public Rais(RaisConfig config, EffectiveSchedule schedule) {
        if (config == null || schedule == null) {
            throw new IllegalArgumentException("RAIS needs a configuration and the SGD schedule lr_sched(t̂)");
        }
        this.config = config;
        this.schedule = schedule;
        this.solver = new PtSolver(config.ptOuterIterations(), config.ptInnerIterations());
        this.gain = new GainRatio(config.gainRatio(), config.alpha());
        this.r = config.initialGainRatio();
    }

    @Override
    public String id() {
        return ID;
    }

    public RaisConfig config() {
        return config;
    }

    /** t̂, the effective iteration number. */
    public double effectiveIteration() {
        return tHat;
    }

    /** r^(t) after the last step (the multiplier the next step will use). */
    public double gainRatio() {
        return r;
    }

    /** The fitted (c, d), or null before the first (PT) solve. */
    public double[][] uncertaintySet() {
        return c == null ? null : new double[][] {c.clone(), d.clone()};
    }

    public int ptSolves() {
        return ptSolves;
    }

    /** The current sampling probability of every example (O(n d_R); for checks and tests). */
    public double[] probabilities() {
        if (table == null) {
            throw new IllegalStateException("no step has run yet");
        }
        double[] p = new double[n];
        double[] e = mixture();
        for (int i = 0; i < n; i++) {
            p[i] = e == null ? 1.0 / n : probability(e, i);
        }
        return p;
    }

    @Override
    public StepReport step(Model model, SampleSource data, StepContext context) {
        ensureInitialised(model, data);
        t++;
        ageFeatures();
        double rUsed = r;
        tHat += rUsed;  // t̂^(t) = Σ_{t'≤t} r^(t'−1)
        double lr = rUsed * schedule.at(tHat);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalStateException("RAIS learning rate r·lr(t̂) = " + rUsed + "·lr(" + tHat + ") = " + lr
                    + " is not a positive finite number");
        }
        int b = config.batchSize();
        double[] e = mixture();
        boolean importance = e != null;
        SplittableRandom rng = context.random();
        int[] idx = new int[b];
        double[] p = new double[b];
        double[] weights = new double[b];
        for (int k = 0; k < b; k++) {
            if (!importance) {
                idx[k] = rng.nextInt(n);
                p[k] = 1.0 / n;
            } else {
                double eps = config.uniformFloor();
                idx[k] = eps > 0 && rng.nextDouble() < eps / (1 + eps) ? rng.nextInt(n) : table.sample(e, rng);
                p[k] = probability(e, idx[k]);
            }
            weights[k] = 1.0 / (n * p[k]);  // ω_k = 1/(n p_k)
        }
        model.setLearningRate(lr);
        double loss = model.weightedStep(data.get(idx), importance ? weights : null);
        ForwardResult seen = model.lastTrainingForward();
        double[] v = proxy.fromForward(seen);
        double g2 = config.gainRatio() == GainRatio.Form.EQ6 ? tap.meanSquaredNorm(b) : Double.NaN;
        if (config.gainRatio() == GainRatio.Form.EQ6 && !Double.isFinite(g2)) {
            throw new IllegalStateException("the gradient tap saw no gradient in step " + t);
        }
        if (Double.isFinite(loss)) {
            gain.update(v, p, n, g2);
            lastRawGain = gain.estimate(b);
            r = importance ? clip(lastRawGain) : config.initialGainRatio();  // r = 1 during warm-up [ASSUME]
        }
        for (int k = 0; k < b; k++) {
            int i = idx[k];
            double[] sTilde = table.row(i);
            refresh(i, v[k]);
            window.addLast(new PtSolver.Row(config.featuresBeforeRefresh() ? sTilde : table.row(i), v[k], 1.0 / p[k]));
        }
        int capacity = config.ptEvery() * b;
        while (window.size() > capacity) {
            window.removeFirst();
        }
        if (t >= warmupSteps() && t % config.ptEvery() == 0) {
            solve();
        }
        return new StepReport(loss, Double.NaN, importance, Cost.step(b), lr);
    }

    private double clip(double raw) {
        if (!Double.isFinite(raw)) {
            return r;  // a denominator was zero: keep the previous ratio
        }
        return Math.max(config.rMin(), Math.min(config.rMax(), raw));
    }

    private long warmupSteps() {
        return (long) Math.ceil(config.warmupEpochs() * n / config.batchSize());
    }

    private void solve() {
        table.rebuild();
        PtSolver.Fit fit = solver.solve(new ArrayList<>(window), table.sum());
        if (!(fit.h() > 0)) {
            // Every row lies exactly on ⟨c,s⟩: there is no uncertainty to fit; keep the previous set.
            return;
        }
        c = fit.c();
        d = fit.d();
        ptSolves++;
    }

    /** e = c + γd from the current S̄, or null before the first (PT) solve. */
    private double[] mixture() {
        return c == null ? null : RobustDistribution.mixture(c, d, table.sum());
    }

    private double probability(double[] e, int i) {
        double eps = config.uniformFloor();
        return (table.probability(e, i) + eps / n) / (1 + eps);
    }

    // ------------------------------------------------------------------ features (spec §3.4)

    private boolean staleness() {
        return config.features() == RaisConfig.Features.LAST_NORM_BY_STALENESS_AND_CLASS;
    }

    private int classOffset() {
        return staleness() ? 2 : 1;
    }

    private void refresh(int i, double v) {
        vLast[i] = v;
        lastSeen[i] = t;
        table.set(i, 0, v);
        if (staleness()) {
            table.set(i, 1, 0);
            seenQueue.addLast(new long[] {t, i});
        }
    }

    /** Moves v_last of examples not seen for an epoch from the "fresh" to the "stale" feature. */
    private void ageFeatures() {
        if (!staleness()) {
            return;
        }
        long epochSteps = Math.max(1, (n + config.batchSize() - 1) / config.batchSize());
        while (!seenQueue.isEmpty() && seenQueue.peekFirst()[0] <= t - epochSteps) {
            long[] head = seenQueue.removeFirst();
            int i = (int) head[1];
            if (lastSeen[i] == head[0]) {
                table.set(i, 0, 0);
                table.set(i, 1, vLast[i]);
            }
        }
    }

    private void ensureInitialised(Model model, SampleSource data) {
        if (n < 0) {
            n = data.size();
            if (n < 1) {
                throw new IllegalArgumentException("cannot train on an empty training set");
            }
            labels = readLabels(data);
            vLast = new double[n];
            lastSeen = new long[n];
            Arrays.fill(lastSeen, Long.MIN_VALUE);
            table = new FeatureTable(n, classOffset() + classes);
            for (int i = 0; i < n; i++) {
                table.set(i, classOffset() + labels[i], 1.0);
            }
            table.rebuild();
            if (pendingRestore != null) {
                applyRestore(pendingRestore);
                pendingRestore = null;
            }
        } else if (data.size() != n) {
            throw new IllegalArgumentException("RAIS was initialised on " + n + " examples, now given " + data.size());
        }
        if (config.gainRatio() == GainRatio.Form.EQ6 && tap == null) {
            if (!(model instanceof DlModel dl)) {
                throw new IllegalArgumentException("gain ratio EQ6 needs ‖g_R‖² from a DL4J network (DlModel); use"
                        + " PROXY_RATIO with other models");
            }
            tap = new GradientTap();
            if (dl.network() instanceof MultiLayerNetwork mln) {
                mln.addListeners(tap);
            } else {
                ((ComputationGraph) dl.network()).addListeners(tap);
            }
        }
    }

    private int[] readLabels(SampleSource data) {
        int[] out = new int[n];
        int chunk = 1024;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            int[] idx = new int[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            INDArray y = data.get(idx).getLabels();
            if (y.rank() != 2) {
                throw new IllegalArgumentException("RAIS' class-indicator features need [n, K] one-hot labels, got"
                        + " rank " + y.rank());
            }
            classes = (int) y.size(1);
            int[] arg = y.argMax(1).toIntVector();
            System.arraycopy(arg, 0, out, from, arg.length);
        }
        return out;
    }

    // ------------------------------------------------------------------ checkpoints

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = config.describe();
        p.put("ptEvery", config.ptEvery());
        p.put("ptSolve", "synchronous every ptEvery steps (deterministic; the paper solves asynchronously)");
        p.put("proxy", "loss-layer gradient norm ||dL/dz|| from the training forward pass");
        return p;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("t", t);
        s.put("tHat", tHat);
        s.put("r", r);
        s.put("lastRawGain", Double.isFinite(lastRawGain) ? lastRawGain : null);
        s.put("ptSolves", ptSolves);
        s.put("c", c == null ? null : c.clone());
        s.put("d", d == null ? null : d.clone());
        s.put("gain", gain.state());
        if (n > 0) {
            s.put("n", n);
            s.put("vLast", vLast.clone());
            s.put("lastSeen", lastSeen.clone());
            int m = window.size();
            int dR = table.dimension();
            double[] rs = new double[m * dR];
            double[] rv = new double[m];
            double[] rw = new double[m];
            int j = 0;
            for (PtSolver.Row row : window) {
                System.arraycopy(row.s(), 0, rs, j * dR, dR);
                rv[j] = row.v();
                rw[j] = row.w();
                j++;
            }
            s.put("tree0", table.treeState(0));
            if (staleness()) {
                s.put("tree1", table.treeState(1));
            }
            s.put("rowsS", rs);
            s.put("rowsV", rv);
            s.put("rowsW", rw);
        }
        return s;
    }

    @Override
    public void restore(Map<String, Object> state) {
        t = num(state, "t").longValue();
        tHat = num(state, "tHat").doubleValue();
        r = num(state, "r").doubleValue();
        lastRawGain = state.get("lastRawGain") == null ? Double.NaN : num(state, "lastRawGain").doubleValue();
        ptSolves = num(state, "ptSolves").intValue();
        c = state.get("c") == null ? null : doubles(state.get("c"));
        d = state.get("d") == null ? null : doubles(state.get("d"));
        gain.restore(doubles(state.get("gain")));
        window.clear();
        seenQueue.clear();
        if (state.containsKey("n")) {
            // Features need the training set's labels: applied at the next step, when the data is known.
            pendingRestore = new LinkedHashMap<>(state);
            n = -1;
        }
    }

    private void applyRestore(Map<String, Object> state) {
        int savedN = num(state, "n").intValue();
        if (savedN != n) {
            throw new IllegalArgumentException("checkpoint was taken on " + savedN + " examples, the data has " + n);
        }
        double[] v = doubles(state.get("vLast"));
        double[] seen = doubles(state.get("lastSeen"));
        List<long[]> queue = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vLast[i] = v[i];
            lastSeen[i] = (long) seen[i];
            if (lastSeen[i] != Long.MIN_VALUE) {
                queue.add(new long[] {lastSeen[i], i});
            }
        }
        long epochSteps = Math.max(1, (n + config.batchSize() - 1) / config.batchSize());
        for (int i = 0; i < n; i++) {
            boolean stale = staleness() && lastSeen[i] != Long.MIN_VALUE && lastSeen[i] <= t - epochSteps;
            table.set(i, stale ? 1 : 0, vLast[i]);
        }
        table.rebuild();
        table.restoreTree(0, doubles(state.get("tree0")));
        if (staleness()) {
            table.restoreTree(1, doubles(state.get("tree1")));
        }
        if (staleness()) {
            queue.sort((a, b) -> Long.compare(a[0], b[0]));
            for (long[] q : queue) {
                if (q[0] > t - epochSteps) {
                    seenQueue.addLast(q);
                }
            }
        }
        int dR = table.dimension();
        double[] rs = doubles(state.get("rowsS"));
        double[] rv = doubles(state.get("rowsV"));
        double[] rw = doubles(state.get("rowsW"));
        for (int j = 0; j < rv.length; j++) {
            window.addLast(new PtSolver.Row(Arrays.copyOfRange(rs, j * dR, (j + 1) * dR), rv[j], rw[j]));
        }
    }

    private static Number num(Map<String, Object> state, String key) {
        Object v = state.get(key);
        if (!(v instanceof Number x)) {
            throw new IllegalArgumentException("RAIS checkpoint state has no numeric '" + key + "': " + v);
        }
        return x;
    }

    static double[] doubles(Object o) {
        if (o instanceof double[] a) {
            return a.clone();
        }
        if (o instanceof long[] a) {
            return Arrays.stream(a).asDoubleStream().toArray();
        }
        if (o instanceof List<?> l) {
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) l.get(i)).doubleValue();
            }
            return out;
        }
        throw new IllegalArgumentException("expected a numeric array in the checkpoint state, got " + o);
    }
}
