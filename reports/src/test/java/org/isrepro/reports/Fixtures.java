package org.isrepro.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.isrepro.reports.records.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.isrepro.records.Ablation41Record;
import org.isrepro.records.BenchRatiosRecord;
import org.isrepro.records.CheckRecord;
import org.isrepro.records.Provenance;
import org.isrepro.records.RunConfig;
import org.isrepro.records.RunRecord;
import org.isrepro.records.SeriesPoint;
import org.isrepro.records.Summary;
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
        /** {@code provenance.framework}; null writes none (a record from before the field, read as DL4J's). */
        String framework;
        /** Final test loss over final training loss; the test loss starts at the training loss. */
        double unseenGap = 1.25;
        boolean noTestLoss;

        Run(String experiment, String method) {
            this.experiment = experiment;
            this.method = method;
            if (!method.equals("uniform")) {
                presample = 160;
                tauTh = 1.5;
            }
        }

        public Run seed(long s) { seed = s; return this; }
        public Run standIn(String s) { standIn = s; return this; }
        public Run scale(String s) { scale = s; return this; }
        public Run variant(String v) { variant = v; return this; }
        public Run status(String s) { status = s; return this; }
        public Run loss(double start, double end) { lossStart = start; lossEnd = end; return this; }
        public Run error(double start, double end) { errStart = start; errEnd = end; return this; }
        public Run presample(int b) { presample = b; return this; }
        public Run batchSize(int b) { batchSize = b; return this; }
        public Run tauTh(double t) { tauTh = t; return this; }
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
        /** A record of another framework (the PyTorch twin), written beside DL4J's under its own name. */
        public Run framework(String f) { framework = f; return this; }
        /** The test loss ends at {@code gap} times the training loss (growing geometrically from 1). */
        public Run unseenGap(double gap) { unseenGap = gap; return this; }
        /** Records without a test loss. */
        public Run noTestLoss() { noTestLoss = true; return this; }

        public Path write(Path out) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("model", "mlp");
            c.put("batchSize", batchSize);
            if (presample != null) {
                c.put("presample", presample);
            }
            if (tauTh != null) {
                c.put("tauTh", tauTh);
            }
            c.put("budget", Map.of("unit", "cost", "amount", budget));
            List<SeriesPoint> series = new ArrayList<>();
            Double firstOnCost = null;
            for (int i = 0; i <= points; i++) {
                double f = (double) i / points;
                double cost = f * budget;
                boolean on = !method.equals("uniform") && isOn.test(i);
                if (on && firstOnCost == null) {
                    firstOnCost = cost;
                }
                double trainLoss = i == 0 ? (initialLoss != null ? initialLoss : Math.max(lossStart, 12 * lossEnd))
                        : lossStart * Math.pow(lossEnd / lossStart, f);
                series.add(new SeriesPoint(cost * secondsPerCost, cost, (long) Math.floor(cost / (3 * batchSize)),
                        (long) (cost / 3), cost / 3 / 1000, trainLoss, errStart + (errEnd - errStart) * f,
                        noTestLoss ? null : trainLoss * Math.pow(unseenGap, f), null,
                        method.equals("uniform") ? 0 : 1 + f, on, 0.1));
            }
            long iterations = Math.round(budget / (3.0 * batchSize));
            long isIterations = method.equals("uniform") || neverSampled ? 0 : Math.round(iterations * isShare);
            double cost = (iterations - isIterations) * 3.0 * batchSize
                    + isIterations * ((presample == null ? 0 : presample) + 3.0 * batchSize);
            // as the runner does: the switch-on cost is where the series first shows importance sampling
            Double switchOn = firstIsOnNever ? null : firstIsOnCost != null ? firstIsOnCost : firstOnCost;
            SeriesPoint last = series.get(series.size() - 1);
            Summary summary = new Summary(last.trainLoss(), last.testError(), null, iterations, isIterations, null,
                    null, null, switchOn, last.wallSeconds(), costOverride != null ? costOverride : cost);
            Provenance p = new Provenance("abc123", false, "CpuBackend", null, null, "test cpu", null, 2, null, null,
                    "1.0.0-M2.1", null, "17", "Linux amd64", null, null, null, null, framework);
            String name = experiment + "__" + method + (variant == null ? "" : "-" + variant.replace('=', '-'))
                    + (tauTh == null ? "" : "-t" + tauTh) + "__seed" + seed + "__" + scale
                + (framework == null ? "" : "__" + framework) + ".json";
            Path file = out.resolve("runs").resolve(name);
            new RunRecord(RunRecord.SCHEMA.id(), experiment, method, variant, seed, scale, status, standIn,
                    new RunConfig(c), p, series, summary).write(file);
            return file;
        }
    }

    /** One ablation checkpoint: step, SSEs, variance ratios (loss, upper-bound, gradient-norm). */
    public record Checkpoint(double step, double sseLoss, double sseUb, double vrLoss, double vrUb, double vrGn) {
    }

    public static void ablation(Path out, String scale, List<Checkpoint> cps) {
        List<Ablation41Record.Checkpoint> written = new ArrayList<>();
        for (Checkpoint c : cps) {
            List<Double> pl = new ArrayList<>();
            List<Double> pu = new ArrayList<>();
            List<Double> pg = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                double g = (i + 1) / 2080.0;
                pg.add(g);
                pu.add(g * (1 + 0.05 * Math.sin(i)));
                pl.add(1 / 64.0 + 0.5 * (g - 1 / 64.0));
            }
            written.add(new Ablation41Record.Checkpoint((long) c.step(), c.sseLoss(), c.sseUb(), Double.NaN,
                    Double.NaN, c.vrLoss(), c.vrUb(), c.vrGn(), null, null, null, pl, pu, pg,
                    new Ablation41Record.SecondsPerSample(null, null, 1e-4, 3e-3)));
        }
        new Ablation41Record(Ablation41Record.SCHEMA.id(), scale, "MLP on MNIST subset", Map.of(), PROVENANCE,
                written).write(out);
    }

    static final Provenance PROVENANCE = new Provenance("abc123", null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    /** A check file with one table and one line figure. */
    public static void check(Path out, String id, String scale, List<String> columns, List<List<Object>> rows) {
        List<List<Object>> cells = new ArrayList<>();
        for (List<Object> row : rows) {
            cells.add(row.stream().map(v -> v instanceof Number num ? (Object) num.doubleValue() : String.valueOf(v))
                    .toList());
        }
        new CheckRecord(CheckRecord.SCHEMA.id(), id, "Check " + id, "fixture check", scale, PROVENANCE,
                List.of(new CheckRecord.Table(id + " table", columns, cells)),
                List.of(new CheckRecord.Figure("curve", id + " curve", "x [1]", "y [1]", false, "line",
                        List.of(CheckRecord.Series.of("y = x²", new double[] {0, 1, 2, 3, 4},
                                new double[] {0, 1, 4, 9, 16}))))).write(out);
    }

    public static void benchRatios(Path out, double gradOverUb, double ubOverForward) {
        new BenchRatiosRecord(BenchRatiosRecord.SCHEMA.id(), null, null, null, List.of(
                new BenchRatiosRecord.Ratio("gradient-norm/upper-bound", "gradient-norm scoring s/sample",
                        "upper-bound scoring s/sample", Map.of("model", "lenet"), gradOverUb, null, ">= 10",
                        gradOverUb >= 10, null),
                new BenchRatiosRecord.Ratio("upper-bound/forward", "upper-bound scoring", "forward",
                        Map.of("presample", 640), ubOverForward, null, "<= 1.05", ubOverForward <= 1.05, null)))
                .write(out.resolve("benchmark-ratios.json"));
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
