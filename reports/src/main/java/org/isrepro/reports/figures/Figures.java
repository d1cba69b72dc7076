package org.isrepro.reports.figures;

import com.fasterxml.jackson.databind.JsonNode;
import org.isrepro.records.Ablation41Record;
import org.isrepro.records.BenchRatiosRecord;
import org.isrepro.records.RecordFiles;
import org.isrepro.records.RunConfig;
import org.isrepro.reports.analysis.Axis;
import org.isrepro.reports.analysis.Band;
import org.isrepro.reports.analysis.Curves;
import org.isrepro.reports.records.Ablation41;
import org.isrepro.reports.records.CheckFile;
import org.isrepro.reports.records.JmhResult;
import org.isrepro.reports.records.Json;
import org.isrepro.reports.records.Point;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.RunRecord;
import org.isrepro.reports.records.Scale;
import org.isrepro.reports.text.Numbers;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import static org.isrepro.records.MethodIds.GRADIENT_NORM;
import static org.isrepro.records.MethodIds.LOSS;
import static org.isrepro.records.MethodIds.UNIFORM;
import static org.isrepro.records.MethodIds.UPPER_BOUND;

/**
 * Renders every figure the inputs allow; figures whose inputs are absent are simply not drawn. Each
 * experiment gets its training loss and test error on one clock (the cost clock below paper scale, wall-clock
 * time at paper scale, where the paper's claims are about seconds) and one tau figure; the other clocks are
 * rendered too and linked from the caption rather than shown.
 */
public final class Figures {
    public static final String DIR = "figures";

    private final Results results;
    private final Path dir;
    private final List<FigureRef> refs = new ArrayList<>();

    private Figures(Results results, Path dir) {
        this.results = results;
        this.dir = dir;
    }

    public static List<FigureRef> renderAll(Results results) {
        return renderAll(results, results.outDir().resolve(DIR));
    }

    /** Draws into {@code dir}, e.g. a staging directory that replaces {@code figures/} once all is drawn. */
    public static List<FigureRef> renderAll(Results results, Path dir) {
        Figures f = new Figures(results, dir);
        results.ablation().ifPresent(a -> {
            f.varianceRatio(a);
            f.probabilities(a);
        });
        List<String> experiments = new ArrayList<>(results.experiments());
        experiments.sort(Comparator.comparing(Section::ofExperiment).thenComparing(e -> e));
        for (String exp : experiments) {
            if (tuningRuns(exp)) {
                continue;
            }
            for (Scale s : Scale.values()) {
                List<RunRecord> runs = results.runs(exp, s).stream().filter(r -> r.completed() || r.diverged())
                        .toList();
                if (!runs.isEmpty()) {
                    f.experimentCurves(exp, s, runs);
                    f.tau(exp, s, runs);
                }
            }
        }
        results.checks().values().forEach(f::check);
        results.jmh().ifPresent(f::jmh);
        List<FigureRef> out = new ArrayList<>(f.refs);
        out.sort(Comparator.comparing(FigureRef::section));
        return List.copyOf(out);
    }

    /**
     * Hyper-parameter searches ({@code <experiment>-tuning}, chosen on validation; docs/baselines.md) are not
     * results: their records are listed and their {@code tuning/*.json} linked, but they get no figures.
     */
    public static boolean tuningRuns(String experiment) {
        return experiment.endsWith("-tuning");
    }

    /** The paper figure an experiment corresponds to. */
    public static String paperFigure(String experiment) {
        if (experiment.startsWith("wrn-")) {
            return "Fig. 3";
        }
        if (experiment.equals("resnet50-mit67")) {
            return "Fig. 4";
        }
        if (experiment.startsWith("lstm-")) {
            return "Fig. 5";
        }
        if (experiment.startsWith("vr-")) {
            return "Fig. 6";
        }
        if (experiment.equals("presample-ablation")) {
            return "Fig. 7";
        }
        if (experiment.startsWith("rais-")) {
            return "RAIS poster";
        }
        return "reviewer check";
    }

    /** "cpu scale, stand-in: ... (paper: ...)" or "paper scale". */
    static String scaleText(Scale s, String standIn, String paperSetting) {
        if (s == Scale.PAPER || standIn == null || standIn.isBlank()) {
            return s.id() + " scale" + (paperSetting == null ? "" : ": " + paperSetting);
        }
        return s.id() + " scale, stand-in: " + standIn
                + (paperSetting == null || standIn.contains("paper:") ? "" : " (paper: " + paperSetting + ")");
    }

    /** The subsection an experiment's figures go into. */
    public static String group(String experiment, Scale s) {
        return experiment + " (" + s.id() + " scale)";
    }

    /**
     * The configuration the runs actually used, from their records (never from descriptive text): model,
     * b, B, tau_th (all values when runs differ), budget, evaluations and evaluation sizes, seeds.
     */
    static String configText(List<RunRecord> runs) {
        List<String> parts = new ArrayList<>();
        addDistinct(parts, "model", runs, r -> r.config().model());
        addDistinct(parts, "b", runs, r -> intText(r.config().batchSize()));
        addDistinct(parts, "B", runs, r -> intText(r.config().presample()));
        addDistinct(parts, "tau_th", runs, r -> numText(r.config().tauTh()));
        addDistinct(parts, "budget", runs, r -> {
            RunConfig.Budget b = r.config().budget();
            return b == null ? null : numText(b.amount()) + " " + b.unit();
        });
        addDistinct(parts, "evaluations", runs, r -> intText(r.config().evaluations()));
        addDistinct(parts, "training-loss subset", runs, r -> intText(r.config().trainEvalSize()));
        addDistinct(parts, "test-set size", runs, r -> intText(r.config().testEvalSize()));
        long seeds = runs.stream().map(RunRecord::seed).distinct().count();
        parts.add(seeds + " seed" + (seeds == 1 ? "" : "s"));
        return "Run configuration (from the records): " + String.join(", ", parts) + ".";
    }

    private static void addDistinct(List<String> parts, String name, List<RunRecord> runs,
                                    java.util.function.Function<RunRecord, String> f) {
        Set<String> v = new LinkedHashSet<>();
        for (RunRecord r : runs) {
            String s = f.apply(r);
            if (s != null && !s.isBlank()) {
                v.add(s);
            }
        }
        if (!v.isEmpty()) {
            parts.add(name + " " + String.join(" / ", v));
        }
    }

    /** A count for a caption, or null (the item is left out) when there is none. */
    static String intText(double v) {
        return Double.isFinite(v) ? Numbers.count(v) : null;
    }

    /** A value for a caption, or null (the item is left out) when there is none. */
    static String numText(double v) {
        if (!Double.isFinite(v)) {
            return null;
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Numbers.count(v) : Numbers.num(v);
    }

    private void add(String id, Section section, String group, String title, String caption, String parent,
                     String linkLabel) {
        refs.add(new FigureRef(id, section, group, title, caption, DIR + "/" + id + ".png", DIR + "/" + id + ".svg",
                parent, linkLabel));
    }

    // ------------------------------------------------------------------ §4.1

    private void varianceRatio(Ablation41 a) {
        double[] step = a.checkpoints().stream().mapToDouble(Ablation41.Checkpoint::step).toArray();
        if (step.length == 0) {
            return;
        }
        String title = "Fig. 1 · gradient variance relative to uniform";
        XYChart c = Charts.xy(title, "training step [iterations]", "‖G_B − G_b‖ / uniform's [1 = uniform]", false);
        series(c, LOSS, step, a, Ablation41.Checkpoint::varianceRatioLoss);
        series(c, UPPER_BOUND, step, a, Ablation41.Checkpoint::varianceRatioUpperBound);
        series(c, GRADIENT_NORM, step, a, Ablation41.Checkpoint::varianceRatioGradientNorm);
        Charts.dashed(c, "uniform (= 1)", new double[]{step[0], step[step.length - 1]}, new double[]{1, 1},
                Color.BLACK);
        Charts.save(c, dir, "fig1-variance-ratio");
        add("fig1-variance-ratio", Section.S41, "§4.1 ablation (" + a.scale().id() + " scale)", title,
                "§4.1, Fig. 1 equivalent at " + scaleText(a.scale(), a.standIn(), null) + ". Distance between the "
                        + "large-batch and small-batch gradient for each sampling distribution, divided by uniform's, "
                        + "per checkpoint (below 1 = variance reduced). " + ablationConfig(a), null, null);
    }

    private static String ablationConfig(Ablation41 a) {
        List<String> parts = new ArrayList<>();
        for (String f : List.of("batchSize", "sample", "resample", "draws", "trainSize")) {
            String v = intText(a.config().get(f) instanceof Number n ? n.doubleValue() : Double.NaN);
            if (v != null) {
                parts.add(f + " " + v);
            }
        }
        return parts.isEmpty() ? "" : "Configuration (from the record): " + String.join(", ", parts) + ".";
    }

    private static void series(XYChart c, String name, double[] step, Ablation41 a,
                               ToDoubleFunction<Ablation41.Checkpoint> f) {
        double[] y = a.checkpoints().stream().mapToDouble(f).toArray();
        Charts.methodLine(c, name, step, y, Charts.style(name, -1), 2.2f);
    }

    private void probabilities(Ablation41 a) {
        List<Double> gn = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Double> ub = new ArrayList<>();
        double sseLoss = 0;
        double sseUb = 0;
        int checkpoints = 0;
        int perCheckpoint = 0;
        for (Ablation41.Checkpoint cp : a.checkpoints()) {
            int n = cp.pGradientNorm().length;
            if (n == 0 || cp.pLoss().length != n || cp.pUpperBound().length != n) {
                continue;
            }
            checkpoints++;
            perCheckpoint = Math.max(perCheckpoint, n);
            for (int i = 0; i < n; i++) {
                gn.add(cp.pGradientNorm()[i]);
                loss.add(cp.pLoss()[i]);
                ub.add(cp.pUpperBound()[i]);
                sseLoss += sq(cp.pLoss()[i] - cp.pGradientNorm()[i]);
                sseUb += sq(cp.pUpperBound()[i] - cp.pGradientNorm()[i]);
            }
        }
        if (gn.isEmpty()) {
            return;
        }
        String title = "Fig. 2 · sampling probabilities vs gradient norm";
        XYChart c = Charts.xy(title, "gradient-norm probability [1]", "loss / upper-bound probability [1]", false);
        c.getStyler().setMarkerSize(4);
        for (var e : List.of(Map.entry(LOSS, loss), Map.entry(UPPER_BOUND, ub))) {
            double sse = e.getKey().equals(LOSS) ? sseLoss : sseUb;
            XYSeries l = c.addSeries(String.format(Locale.ROOT, "%s (SSE %.3g)", e.getKey(), sse), gn, e.getValue());
            l.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            Charts.Style st = Charts.style(e.getKey(), -1);
            l.setMarker(st.marker());
            l.setMarkerColor(Charts.alpha(st.color(), 110));
        }
        double max = 0;
        for (List<Double> v : List.of(gn, loss, ub)) {
            max = Math.max(max, v.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(0));
        }
        Charts.line(c, "diagonal", new double[]{0, max}, new double[]{0, max}, Color.GRAY, 1.5f);
        Charts.save(c, dir, "fig2-probabilities");
        add("fig2-probabilities", Section.S41, "§4.1 ablation (" + a.scale().id() + " scale)", title,
                "§4.1, Fig. 2 equivalent at " + scaleText(a.scale(), a.standIn(), null) + ". Each point is one "
                        + "sample of the " + String.format(Locale.ROOT, "%,d", perCheckpoint) + "-sample batch at one of "
                        + checkpoints + " checkpoints (" + String.format(Locale.ROOT, "%,d", gn.size()) + " points); "
                        + "the SSE in the legend is over all points (paper: loss 0.017, upper bound 0.002 over "
                        + "16,384 points). " + ablationConfig(a), null, null);
    }

    private static double sq(double v) {
        return v * v;
    }

    // ------------------------------------------------------------------ experiments (Fig. 3-7, RAIS)

    /** The clock figures are shown on: cost below paper scale, wall clock at paper scale, iterations when budgeted so. */
    public static Axis primaryAxis(Scale s, List<RunRecord> runs) {
        boolean iterations = runs.stream().anyMatch(r -> r.config().budget() != null
                && "iterations".equals(r.config().budget().unit()));
        if (iterations) {
            return Axis.ITERATION;
        }
        return s == Scale.PAPER ? Axis.WALL : Axis.COST;
    }

    /** Final test errors the paper reports for §4.2 (text of §4.2), drawn as markers at paper scale only. */
    private static final Map<String, Map<String, Double>> PAPER_TEST_ERROR = Map.of(
            "wrn-cifar10", Map.of(UNIFORM, 0.087, UPPER_BOUND, 0.079),
            "wrn-cifar100", Map.of(UNIFORM, 0.34, UPPER_BOUND, 0.32));

    private void experimentCurves(String exp, Scale s, List<RunRecord> runs) {
        String standIn = runs.stream().map(RunRecord::standIn).filter(Objects::nonNull).findFirst().orElse(null);
        String paperSetting = runs.stream().map(r -> r.config().paperSetting()).filter(Objects::nonNull)
                .findFirst().orElse(null);
        Section section = Section.ofExperiment(exp);
        String group = group(exp, s);
        Map<String, List<RunRecord>> groups = Curves.byGroup(runs);
        Map<String, Integer> variantIndex = variantIndex(groups);
        record Metric(String id, String name, String unit, ToDoubleFunction<Point> f, boolean log) {
        }
        List<Metric> metrics = List.of(new Metric("train-loss", "training loss", "nats", Point::trainLoss, true),
                new Metric("test-error", "test error", "fraction misclassified", Point::testError, false));
        Axis primary = primaryAxis(s, runs);
        List<Axis> axes = new ArrayList<>(List.of(primary));
        for (Axis a : List.of(Axis.COST, Axis.WALL, Axis.EPOCH)) {
            if (!axes.contains(a)) {
                axes.add(a);
            }
        }
        for (Metric m : metrics) {
            String primaryId = Charts.slug(exp + "-" + s.id() + "-" + m.id + "-vs-" + primary.id);
            for (Axis axis : axes) {
                String id = Charts.slug(exp + "-" + s.id() + "-" + m.id + "-vs-" + axis.id);
                Map<String, Band> bands = new LinkedHashMap<>();
                for (Map.Entry<String, List<RunRecord>> g : groups.entrySet()) {
                    Band b = Curves.band(g.getValue(), axis.value, m.f, m.log);
                    if (!b.isEmpty()) {
                        bands.put(g.getKey(), b);
                    }
                }
                if (bands.isEmpty()) {
                    continue;
                }
                boolean log = m.log && Charts.logWorthIt(bands.values().stream().map(Band::mean).toList());
                String title = exp + " · " + m.name + " vs " + axis.name;
                XYChart c = Charts.xy(title, axis.label, m.name + " [" + m.unit + (log ? ", log scale" : "") + "]", log);
                Map<String, String> identical = identicalTo(bands);
                boolean clipped = false;
                double yLo = Double.POSITIVE_INFINITY;
                double yHi = Double.NEGATIVE_INFINITY;
                for (Map.Entry<String, Band> e : bands.entrySet()) {
                    Band b = e.getValue();
                    List<RunRecord> seeds = groups.get(e.getKey());
                    Charts.Style st = Charts.style(seeds.get(0).method(), variantIndex.getOrDefault(e.getKey(), -1));
                    long diverged = seeds.stream().filter(RunRecord::diverged).count();
                    String name = e.getKey() + " (n=" + b.seeds() + (diverged > 0 ? ", " + diverged + " diverged" : "")
                            + ")" + (identical.containsKey(e.getKey()) ? " = " + identical.get(e.getKey()) : "");
                    for (double[] arr : List.of(b.mean(), b.min(), b.max())) {
                        for (double v : arr) {
                            if (Double.isFinite(v) && (!log || v > 0)) {
                                yLo = Math.min(yLo, v);
                                yHi = Math.max(yHi, v);
                            }
                        }
                    }
                    if (b.hasInterval()) {
                        double[] lo = b.lo().clone();
                        if (log) {
                            for (int i = 0; i < lo.length; i++) {
                                if (!(lo[i] > 0)) {
                                    lo[i] = b.min()[i] / 2;
                                    clipped = true;
                                }
                            }
                        }
                        Charts.band(c, e.getKey() + " 95%", b.x(), lo, b.hi(), st.color());
                        for (double[] env : List.of(b.min(), b.max())) {
                            XYSeries d = Charts.dashed(c, e.getKey() + (env == b.min() ? " min" : " max"), b.x(), env,
                                    Charts.alpha(st.color(), 150));
                            d.setLineWidth(1f);
                            d.setShowInLegend(false);
                        }
                    }
                    // an identical curve is drawn thinner on top, so both stay visible
                    Charts.methodLine(c, name, b.x(), b.mean(), st, identical.containsKey(e.getKey()) ? 1.4f : 2.4f);
                }
                List<String> paperMarks = new ArrayList<>();
                if (s == Scale.PAPER && m.id.equals("test-error") && PAPER_TEST_ERROR.containsKey(exp)) {
                    double xEnd = bands.values().stream().mapToDouble(b -> b.x()[b.x().length - 1]).max().orElse(0);
                    PAPER_TEST_ERROR.get(exp).forEach((method, v) -> {
                        XYSeries p = c.addSeries("paper: " + method + " " + v, new double[]{xEnd}, new double[]{v});
                        p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                        Charts.Style st = Charts.style(method, -1);
                        p.setMarker(SeriesMarkers.CROSS);
                        p.setMarkerColor(st.color());
                        paperMarks.add(method + " " + v);
                    });
                    for (Map<String, Double> vals : List.of(PAPER_TEST_ERROR.get(exp))) {
                        for (double v : vals.values()) {
                            yLo = Math.min(yLo, v);
                            yHi = Math.max(yHi, v);
                        }
                    }
                }
                setYRange(c, yLo, yHi, log);
                Charts.save(c, dir, id);
                StringBuilder cap = new StringBuilder();
                cap.append(paperFigure(exp)).append(" equivalent at ").append(scaleText(s, standIn, paperSetting))
                        .append(". Lines: mean over seeds; shaded: 95% t-interval of the mean over seeds (mean ± "
                                + "t·sd/√n, none with one seed); dashed: min and max over seeds. ")
                        .append(configText(runs));
                if (!identical.isEmpty()) {
                    cap.append(" Identical curves (drawn on top of each other): ");
                    List<String> pairs = new ArrayList<>();
                    identical.forEach((k, v) -> pairs.add(k + " = " + v));
                    cap.append(String.join(", ", pairs)).append('.');
                }
                if (clipped) {
                    cap.append(" Where the interval reaches zero or below it is cut at the axis (log scale).");
                }
                if (!paperMarks.isEmpty()) {
                    cap.append(" Crosses at the end: the paper's final test errors (").append(String.join(", ", paperMarks))
                            .append(").");
                }
                boolean shown = axis == primary;
                add(id, section, group, title, cap.toString(), shown ? null : primaryId, shown ? null : axis.name);
            }
        }
    }

    /** When one method has several variants (presample sizes), each (method, variant) gets its own shade. */
    private static Map<String, Integer> variantIndex(Map<String, List<RunRecord>> groups) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Map<String, Long> perMethod = new TreeMap<>();
        groups.values().forEach(g -> perMethod.merge(g.get(0).method(), 1L, Long::sum));
        int i = 0;
        for (Map.Entry<String, List<RunRecord>> g : groups.entrySet()) {
            if (perMethod.get(g.getValue().get(0).method()) > 1) {
                out.put(g.getKey(), i++);
            }
        }
        return out;
    }

    /**
     * Groups whose mean curve equals an earlier group's at every point (to 1e-9 relative), mapped to that
     * earlier group: typically loss and upper-bound when importance sampling never switched on.
     */
    public static Map<String, String> identicalTo(Map<String, Band> bands) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(bands.keySet());
        for (int i = 1; i < keys.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (out.containsKey(keys.get(j))) {
                    continue;
                }
                if (same(bands.get(keys.get(i)), bands.get(keys.get(j)))) {
                    out.put(keys.get(i), keys.get(j));
                    break;
                }
            }
        }
        return out;
    }

    private static boolean same(Band a, Band b) {
        if (!Arrays.equals(a.x(), b.x())) {
            return false;
        }
        for (int i = 0; i < a.mean().length; i++) {
            double x = a.mean()[i];
            double y = b.mean()[i];
            if (Math.abs(x - y) > 1e-9 * Math.max(Math.abs(x), Math.abs(y)) && !(x == y)) {
                return false;
            }
        }
        return true;
    }

    /** The y range of the means and the min-max envelope, padded; a wide interval is clipped by the plot. */
    private static void setYRange(XYChart c, double lo, double hi, boolean log) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return;
        }
        if (log) {
            c.getStyler().setYAxisMin(lo / 1.15);
            c.getStyler().setYAxisMax(hi * 1.15);
        } else {
            double pad = hi > lo ? 0.06 * (hi - lo) : Math.max(1e-3, 0.05 * Math.abs(hi));
            c.getStyler().setYAxisMin(lo - pad);
            c.getStyler().setYAxisMax(hi + pad);
        }
    }

    /**
     * tau per seed for every group that logs it, at every logged evaluation (markers), in the method's
     * colour; the intervals with importance sampling on are shaded; one dashed line per tau_th used.
     */
    private void tau(String exp, Scale s, List<RunRecord> runs) {
        Axis axis = primaryAxis(s, runs);
        Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
        Curves.byGroup(runs).forEach((k, v) -> {
            List<RunRecord> seeds = v.stream()
                    .filter(r -> r.series().stream().anyMatch(p -> Double.isFinite(p.tau()) && p.tau() > 0)).toList();
            if (!seeds.isEmpty()) {
                groups.put(k, seeds);
            }
        });
        if (groups.isEmpty()) {
            return;
        }
        Map<String, Integer> variantIndex = variantIndex(groups);
        String id = Charts.slug("tau-" + exp + "-" + s.id());
        String title = exp + " · tau (eq. 26) vs " + axis.name;
        XYChart c = Charts.xy(title, axis.label, "tau [batch-size increase equivalent]", false);
        double top = 0;
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        Set<Double> thresholds = new java.util.TreeSet<>();
        for (List<RunRecord> seeds : groups.values()) {
            for (RunRecord r : seeds) {
                double[][] xy = Curves.xy(r, axis.value, Point::tau, false);
                for (int i = 0; i < xy[0].length; i++) {
                    top = Math.max(top, xy[1][i]);
                    xmin = Math.min(xmin, xy[0][i]);
                    xmax = Math.max(xmax, xy[0][i]);
                }
                double th = r.config().tauTh();
                if (Double.isFinite(th)) {
                    thresholds.add(th);
                }
            }
        }
        for (double th : thresholds) {
            top = Math.max(top, th);
        }
        double shadeTop = top * 1.05;
        List<String> neverOn = new ArrayList<>();
        int logged = 0;
        boolean swatch = false;
        for (Map.Entry<String, List<RunRecord>> g : groups.entrySet()) {
            Charts.Style st = Charts.style(g.getValue().get(0).method(), variantIndex.getOrDefault(g.getKey(), -1));
            boolean anyOn = false;
            double maxTau = 0;
            for (RunRecord r : g.getValue()) {
                double[][] on = onSteps(r, axis, shadeTop);
                if (on[0].length > 0) {
                    anyOn = true;
                    XYSeries area = c.addSeries("IS on " + g.getKey() + " seed " + r.seed(), on[0], on[1]);
                    area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
                    area.setMarker(SeriesMarkers.NONE);
                    area.setFillColor(Charts.alpha(st.color(), 35));
                    area.setLineColor(Charts.alpha(st.color(), 0));
                    area.setShowInLegend(false);
                    if (!swatch) {
                        // the legend's swatch for the shading: a thick translucent stroke along the shaded top edge
                        double[] edge = firstOnInterval(on);
                        XYSeries sw = Charts.line(c, "importance sampling on (shaded)", edge,
                                new double[]{shadeTop, shadeTop}, Charts.alpha(st.color(), 35), 10f);
                        sw.setLineStyle(new BasicStroke(10f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
                        swatch = true;
                    }
                }
                double[][] xy = Curves.xy(r, axis.value, Point::tau, false);
                logged = Math.max(logged, xy[0].length);
                for (double v : xy[1]) {
                    maxTau = Math.max(maxTau, v);
                }
                String name = g.getValue().size() == 1 ? g.getKey() : g.getKey() + " seed " + r.seed();
                while (c.getSeriesMap().containsKey(name)) {
                    name = name + "'";
                }
                Charts.methodLine(c, name, xy[0], xy[1], st, 1.8f);
            }
            if (!anyOn && IMPORTANCE_SAMPLED.contains(g.getValue().get(0).method())) {
                neverOn.add(g.getKey() + " (max tau " + String.format(Locale.ROOT, "%.3g", maxTau) + ")");
            }
        }
        for (double th : thresholds) {
            // with several thresholds, each is drawn in the colour of the group that used it
            Color col = Color.BLACK;
            if (thresholds.size() > 1) {
                for (Map.Entry<String, List<RunRecord>> g : groups.entrySet()) {
                    if (g.getValue().get(0).config().tauTh() == th) {
                        col = Charts.style(g.getValue().get(0).method(), variantIndex.getOrDefault(g.getKey(), -1))
                                .color();
                        break;
                    }
                }
            }
            Charts.dashed(c, "tau_th = " + numText(th), new double[]{xmin, xmax}, new double[]{th, th}, col);
        }
        Charts.save(c, dir, id);
        String standIn = runs.stream().map(RunRecord::standIn).filter(Objects::nonNull).findFirst().orElse(null);
        String paperSetting = runs.stream().map(r -> r.config().paperSetting()).filter(Objects::nonNull)
                .findFirst().orElse(null);
        StringBuilder cap = new StringBuilder("tau (eq. 26, smoothed) at every logged evaluation (up to " + logged
                + " per run, one marker each), at " + scaleText(s, standIn, paperSetting) + ". Shaded: the intervals "
                + "during which importance sampling was on. Dashed: tau_th as recorded in each run's configuration ("
                + String.join(", ", thresholds.stream().map(Figures::numText).toList()) + ").");
        if (!neverOn.isEmpty()) {
            cap.append(" Importance sampling never switched on for: ").append(String.join(", ", neverOn)).append('.');
        }
        add(id, Section.ofExperiment(exp), group(exp, s), title, cap.toString(), null, null);
    }

    /** The x range of the first interval with importance sampling on, from a step curve of {@link #onSteps}. */
    /** Methods whose tau switches importance sampling on (Algorithm 1). */
    private static final Set<String> IMPORTANCE_SAMPLED = Set.of(LOSS, UPPER_BOUND, GRADIENT_NORM);

    private static double[] firstOnInterval(double[][] on) {
        int i = 0;
        while (i < on[0].length && on[1][i] <= 0) {
            i++;
        }
        int j = i;
        while (j + 1 < on[0].length && on[1][j + 1] > 0) {
            j++;
        }
        return new double[]{on[0][Math.min(i, on[0].length - 1)], on[0][Math.min(j, on[0].length - 1)]};
    }

    /** A step curve that is {@code top} while IS is on and 0 otherwise; empty when IS never switched on. */
    private static double[][] onSteps(RunRecord r, Axis axis, double top) {
        List<double[]> pts = new ArrayList<>();
        boolean any = false;
        Point prev = null;
        for (Point p : r.series()) {
            double x = axis.value.applyAsDouble(p);
            if (!Double.isFinite(x)) {
                continue;
            }
            if (prev != null) {
                double v = prev.isOn() ? top : 0;
                pts.add(new double[]{x, v});
            }
            double v = p.isOn() ? top : 0;
            any |= p.isOn();
            pts.add(new double[]{x, v});
            prev = p;
        }
        if (!any) {
            return new double[2][0];
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    // ------------------------------------------------------------------ benchmarks and checks

    private void jmh(List<JmhResult> results) {
        Map<String, List<JmhResult>> byUnit = new TreeMap<>();
        results.forEach(r -> byUnit.computeIfAbsent(Objects.toString(r.scoreUnit(), "?"), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<JmhResult>> e : byUnit.entrySet()) {
            String id = Charts.slug("jmh-" + e.getKey());
            String title = "JMH scores (" + e.getKey() + ")";
            CategoryChart c = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                    .title(Charts.fitTitle(title)).xAxisTitle("benchmark [class.method params]")
                    .yAxisTitle("score [" + e.getKey() + "]").build();
            c.getStyler().setChartTitleFont(Charts.TITLE_FONT);
            c.getStyler().setChartTitleBoxVisible(false);
            c.getStyler().setLegendVisible(false);
            c.getStyler().setChartBackgroundColor(Color.WHITE);
            c.getStyler().setXAxisLabelRotation(20);
            c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            c.getStyler().setAxisTitleFont(Charts.AXIS_FONT);
            c.getStyler().setErrorBarsColor(Color.BLACK);
            List<String> labels = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (JmhResult r : e.getValue()) {
                String label = r.label();
                int n = seen.merge(label, 1, Integer::sum);
                labels.add(n == 1 ? label : label + " #" + n);
                scores.add(r.score());
                errors.add(Double.isFinite(r.scoreError()) ? r.scoreError() : 0.0);
            }
            c.addSeries("score", labels, scores, errors).setFillColor(Charts.color(2));
            Charts.save(c, dir, id);
            add(id, Section.BENCHMARKS, "JMH", title, "From jmh.json (JMH -rf json); error bars are JMH's 99.9% "
                    + "score error.", null, null);
        }
    }

    private void check(CheckFile check) {
        for (CheckFile.Figure fig : check.figures()) {
            String id = Charts.slug("check-" + check.id() + "-" + fig.id());
            String title = Objects.toString(fig.title(), fig.id());
            boolean log = fig.logY() && Charts.logWorthIt(fig.series().stream().map(CheckFile.Series::y).toList());
            XYChart c = Charts.xy(title, Objects.toString(fig.xLabel(), "x"),
                    Objects.toString(fig.yLabel(), "y") + (fig.logY() && !log ? " (under a decade: linear)" : ""), log);
            int color = 0;
            int drawn = 0;
            for (CheckFile.Series s : fig.series()) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (int i = 0; i < s.x().length; i++) {
                    if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]) && (!log || s.y()[i] > 0)) {
                        x.add(s.x()[i]);
                        y.add(s.y()[i]);
                    }
                }
                Charts.Style st = methodStyleOr(s.name(), color++);
                if (x.isEmpty()) {
                    continue;
                }
                XYSeries xs = c.addSeries(s.name(), x, y);
                xs.setMarker(st.marker());
                if (fig.kind().equals("scatter")) {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    xs.setMarkerColor(Charts.alpha(st.color(), 140));
                } else {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    xs.setMarkerColor(st.color());
                    xs.setLineColor(st.color());
                    xs.setLineWidth(2f);
                }
                drawn++;
            }
            if (drawn == 0) {
                continue;
            }
            Charts.save(c, dir, id);
            add(id, Section.ofCheck(check.id()), "check " + check.id() + " (" + Objects.toString(check.scale(), "?")
                    + " scale)", title, Objects.toString(check.description(), "") + " (" + Objects.toString(check.scale(), "?")
                    + " scale, checks/" + check.id() + ".json.)", null, null);
        }
    }

    /** A series named after a method (optionally followed by a space and more) keeps the method's style. */
    private static Charts.Style methodStyleOr(String name, int index) {
        String method = name.split("[ (]", 2)[0];
        Charts.Style st = Charts.style(method, -1);
        if (!st.equals(Charts.style("", -1))) {
            return st;
        }
        return new Charts.Style(Charts.color(index + 1), List.of(SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
                SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN).get(index % 5));
    }
}
