package org.isrepro.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.isrepro.reports.records.Json;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntPredicate;

/** Small builders that write result files in the documented formats into a test's output directory. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Run run(String experiment, String method) {
        return new Run(experiment, method);
    }

    /**
     * A run whose training loss falls geometrically from {@code lossStart} to {@code lossEnd} and
     * whose test error falls linearly, over {@code points} evaluations evenly spaced on the cost clock.
     */
    public static final class Run {
        final String experiment;
        final String method;
        String variant;
        long seed;
        String scale = "cpu";
        String status = "completed";
        String standIn = "tiny stand-in";
        int batchSize = 32;
        Integer presample;
        Double tauTh;
        Boolean tauThDefaulted;
        double budget = 96_000;
        int points = 10;
        double lossStart = 2.3;
        double lossEnd = 0.5;
        double errStart = 0.9;
        double errEnd = 0.2;
        double secondsPerCost = 1e-4;
        IntPredicate isOn = i -> false;
        Double costOverride;
        Double firstIsOnCost;
        boolean firstIsOnNever;
        boolean neverSampled;
        /** Training loss of the first evaluation; by default 12× the final one, so a run is in the regime. */
        Double initialLoss;
        /** Share of an Algorithm 1 run's iterations that were importance sampled. */
        double isShare = 0.6;

        Run(String experiment, String method) {
            this.experiment = experiment;
            this.method = method;
            if (!method.equals("uniform")) {
                presample = 160;
                tauTh = 1.5;
            }
        }

        public Run seed(long s) { seed = s; return this; }
        public Run scale(String s) { scale = s; return this; }
        public Run variant(String v) { variant = v; return this; }
        public Run status(String s) { status = s; return this; }
        public Run loss(double start, double end) { lossStart = start; lossEnd = end; return this; }
        public Run error(double start, double end) { errStart = start; errEnd = end; return this; }
        public Run presample(int b) { presample = b; return this; }
        public Run batchSize(int b) { batchSize = b; return this; }
        public Run tauTh(double t, boolean defaulted) { tauTh = t; tauThDefaulted = defaulted; return this; }
        public Run budget(double b) { budget = b; return this; }
        public Run points(int n) { points = n; return this; }
        public Run isOnFrom(int i) { isOn = k -> k >= i; return this; }
        public Run cost(double c) { costOverride = c; return this; }
        public Run firstIsOnCost(double c) { firstIsOnCost = c; return this; }
        public Run neverOn() { firstIsOnNever = true; return this; }
        /** A run of an Algorithm 1 method whose tau never exceeded tau_th: no importance-sampled step. */
        public Run neverSampled() { neverSampled = true; firstIsOnNever = true; return this; }
        public Run secondsPerCost(double s) { secondsPerCost = s; return this; }
        public Run initialLoss(double l) { initialLoss = l; return this; }
        public Run isShare(double share) { isShare = share; return this; }

        public Path write(Path out) {
            ObjectNode n = Json.object();
            n.put("schema", "isrepro.run/1");
            n.put("experiment", experiment);
            n.put("method", method);
            if (variant != null) {
                n.put("variant", variant);
            }
            n.put("seed", seed);
            n.put("scale", scale);
            n.put("status", status);
            n.put("standIn", standIn);
            ObjectNode c = n.putObject("config");
            c.put("model", "mlp");
            c.put("batchSize", batchSize);
            if (presample != null) {
                c.put("presample", presample);
            }
            if (tauTh != null) {
                c.put("tauTh", tauTh);
            }
            if (tauThDefaulted != null) {
                c.put("tauThDefaulted", tauThDefaulted);
            }
            ObjectNode b = c.putObject("budget");
            b.put("unit", "cost");
            b.put("amount", budget);
            ObjectNode p = n.putObject("provenance");
            p.put("gitCommit", "abc123");
            p.put("gitDirty", false);
            p.put("backend", "CPU");
            p.put("cpu", "test cpu");
            p.put("dl4jVersion", "1.0.0-M2.1");
            p.put("jvm", "17");
            p.put("os", "Linux amd64");
            p.put("cores", 2);
            ArrayNode series = n.putArray("series");
            int firstOn = -1;
            for (int i = 0; i <= points; i++) {
                double f = (double) i / points;
                double cost = f * budget;
                ObjectNode pt = series.addObject();
                pt.put("wallSeconds", cost * secondsPerCost);
                pt.put("costUnits", cost);
                pt.put("iteration", Math.floor(cost / (3 * batchSize)));
                pt.put("samplesSeen", cost / 3);
                pt.put("epoch", cost / 3 / 1000);
                pt.put("trainLoss", i == 0 ? (initialLoss != null ? initialLoss : Math.max(lossStart, 12 * lossEnd))
                        : lossStart * Math.pow(lossEnd / lossStart, f));
                pt.put("testError", errStart + (errEnd - errStart) * f);
                boolean on = !method.equals("uniform") && isOn.test(i);
                if (on && firstOn < 0) {
                    firstOn = i;
                }
                pt.put("tau", method.equals("uniform") ? 0 : 1 + f);
                pt.put("isOn", on);
                pt.put("learningRate", 0.1);
            }
            ObjectNode s = n.putObject("summary");
            long iterations = Math.round(budget / (3.0 * batchSize));
            long isIterations = method.equals("uniform") || neverSampled ? 0 : Math.round(iterations * isShare);
            double cost = (iterations - isIterations) * 3.0 * batchSize
                    + isIterations * ((presample == null ? 0 : presample) + 3.0 * batchSize);
            s.put("iterations", iterations);
            s.put("isIterations", isIterations);
            s.put("costUnits", costOverride != null ? costOverride : cost);
            if (firstIsOnNever) {
                s.putNull("firstIsOnCost");
            } else if (firstIsOnCost != null) {
                s.put("firstIsOnCost", firstIsOnCost);
            }
            String name = experiment + "__" + method + (variant == null ? "" : "-" + variant.replace('=', '-'))
                    + (tauTh == null ? "" : "-t" + tauTh) + "__seed" + seed + "__" + scale + ".json";
            Path file = out.resolve("runs").resolve(name);
            Json.write(file, n);
            return file;
        }
    }

    /** One ablation checkpoint: step, SSEs, variance ratios (loss, upper-bound, gradient-norm). */
    public record Checkpoint(double step, double sseLoss, double sseUb, double vrLoss, double vrUb, double vrGn) {
    }

    public static void ablation(Path out, String scale, List<Checkpoint> cps) {
        ObjectNode n = Json.object();
        n.put("schema", "isrepro.ablation41/1");
        n.put("scale", scale);
        n.put("standIn", "MLP on MNIST subset");
        n.putObject("provenance").put("gitCommit", "abc123");
        ArrayNode arr = n.putArray("checkpoints");
        for (Checkpoint c : cps) {
            ObjectNode o = arr.addObject();
            o.put("step", c.step());
            o.put("sse_loss", c.sseLoss());
            o.put("sse_upper_bound", c.sseUb());
            o.put("variance_ratio_loss", c.vrLoss());
            o.put("variance_ratio_upper_bound", c.vrUb());
            o.put("variance_ratio_gradient_norm", c.vrGn());
            ArrayNode pl = o.putArray("p_loss");
            ArrayNode pu = o.putArray("p_upper_bound");
            ArrayNode pg = o.putArray("p_gradient_norm");
            for (int i = 0; i < 64; i++) {
                double g = (i + 1) / 2080.0;
                pg.add(g);
                pu.add(g * (1 + 0.05 * Math.sin(i)));
                pl.add(1 / 64.0 + 0.5 * (g - 1 / 64.0));
            }
            ObjectNode sp = o.putObject("seconds_per_sample");
            sp.put("upper-bound", 1e-4);
            sp.put("gradient-norm", 3e-3);
        }
        Json.write(out.resolve("ablation-4.1.json"), n);
    }

    /** A check file with one table and one line figure. */
    public static void check(Path out, String id, String scale, List<String> columns, List<List<Object>> rows) {
        ObjectNode n = Json.object();
        n.put("schema", "isrepro.check/1");
        n.put("id", id);
        n.put("title", "Check " + id);
        n.put("description", "fixture check");
        n.put("scale", scale);
        n.putObject("provenance").put("gitCommit", "abc123");
        ObjectNode t = n.putArray("tables").addObject();
        t.put("title", id + " table");
        ArrayNode cols = t.putArray("columns");
        columns.forEach(cols::add);
        ArrayNode rs = t.putArray("rows");
        for (List<Object> row : rows) {
            ArrayNode r = rs.addArray();
            row.forEach(v -> {
                if (v instanceof Number num) {
                    r.add(num.doubleValue());
                } else {
                    r.add(String.valueOf(v));
                }
            });
        }
        ObjectNode f = n.putArray("figures").addObject();
        f.put("id", "curve");
        f.put("title", id + " curve");
        f.put("xLabel", "x [1]");
        f.put("yLabel", "y [1]");
        f.put("kind", "line");
        ObjectNode s = f.putArray("series").addObject();
        s.put("name", "y = x²");
        ArrayNode x = s.putArray("x");
        ArrayNode y = s.putArray("y");
        for (int i = 0; i < 5; i++) {
            x.add(i);
            y.add(i * i);
        }
        Json.write(out.resolve("checks").resolve(id + ".json"), n);
    }

    public static void benchRatios(Path out, double gradOverUb, double ubOverForward) {
        ObjectNode n = Json.object();
        n.put("schema", "isrepro.bench-ratios/1");
        ArrayNode rs = n.putArray("ratios");
        ObjectNode a = rs.addObject();
        a.put("id", "gradient-norm/upper-bound");
        a.put("numerator", "gradient-norm scoring s/sample");
        a.put("denominator", "upper-bound scoring s/sample");
        a.putObject("params").put("model", "lenet");
        a.put("value", gradOverUb);
        a.put("target", ">= 10");
        a.put("met", gradOverUb >= 10);
        ObjectNode b = rs.addObject();
        b.put("id", "upper-bound/forward");
        b.put("numerator", "upper-bound scoring");
        b.put("denominator", "forward");
        b.putObject("params").put("presample", 640);
        b.put("value", ubOverForward);
        b.put("target", "<= 1.05");
        b.put("met", ubOverForward <= 1.05);
        Json.write(out.resolve("benchmark-ratios.json"), n);
    }

    public static void jmh(Path out) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (String name : List.of("upperBound", "gradientNorm")) {
            ObjectNode o = a.addObject();
            o.put("benchmark", "org.isrepro.benchmark.ScoringBenchmark." + name);
            o.put("mode", "avgt");
            o.putObject("params").put("model", "lenet");
            ObjectNode pm = o.putObject("primaryMetric");
            pm.put("score", name.equals("upperBound") ? 12.0 : 300.0);
            pm.put("scoreError", 1.0);
            pm.put("scoreUnit", "us/op");
        }
        Json.write(out.resolve("jmh.json"), a);
    }
}
