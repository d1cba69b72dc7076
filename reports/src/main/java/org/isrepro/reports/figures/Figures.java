package org.isrepro.reports.figures;

import org.isrepro.reports.analysis.Axis;
import org.isrepro.reports.analysis.Band;
import org.isrepro.reports.analysis.Curves;
import org.isrepro.reports.records.Ablation41;
import org.isrepro.reports.records.CheckFile;
import org.isrepro.reports.records.JmhResult;
import org.isrepro.reports.records.Point;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.RunRecord;
import org.isrepro.reports.records.Scale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Renders every figure the inputs allow; figures whose inputs are absent are simply not drawn. */
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
        for (String exp : results.experiments()) {
            for (Scale s : Scale.values()) {
                List<RunRecord> runs = results.runs(exp, s).stream().filter(r -> r.completed() || r.diverged())
                        .toList();
                if (!runs.isEmpty()) {
                    f.experimentCurves(exp, s, runs);
                    f.tau(exp, s, runs);
                }
            }
        }
        results.jmh().ifPresent(f::jmh);
        results.checks().values().forEach(f::check);
        return List.copyOf(f.refs);
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

    /** "cpu scale, stand-in: ..." or "paper scale". */
    static String scaleText(Scale s, String standIn) {
        if (s == Scale.PAPER || standIn == null || standIn.isBlank()) {
            return s.id() + " scale";
        }
        return s.id() + " scale, stand-in: " + standIn;
    }

    private void add(String id, String section, String title, String caption) {
        refs.add(new FigureRef(id, section, title, caption, DIR + "/" + id + ".png", DIR + "/" + id + ".svg"));
    }

    // ------------------------------------------------------------------ §4.1

    private void varianceRatio(Ablation41 a) {
        String title = "Fig. 1 eq.: variance ratio vs uniform during training (" + scaleText(a.scale(), a.standIn()) + ")";
        XYChart c = Charts.xy(title, "training step [iterations]",
                "‖G_B − G_b‖ / same for uniform [ratio, 1 = uniform]", false);
        double[] step = a.checkpoints().stream().mapToDouble(Ablation41.Checkpoint::step).toArray();
        if (step.length == 0) {
            return;
        }
        series(c, "loss", step, a, Ablation41.Checkpoint::varianceRatioLoss, 1);
        series(c, "upper-bound", step, a, Ablation41.Checkpoint::varianceRatioUpperBound, 2);
        series(c, "gradient-norm", step, a, Ablation41.Checkpoint::varianceRatioGradientNorm, 3);
        Charts.dashed(c, "uniform (= 1)", new double[]{step[0], step[step.length - 1]}, new double[]{1, 1},
                Charts.color(0));
        Charts.save(c, dir, "fig1-variance-ratio");
        add("fig1-variance-ratio", "§4.1 ablation", title, "Distance between the large-batch and small-batch gradient "
                + "for each sampling distribution, divided by uniform's, per checkpoint (below 1 = variance reduced).");
    }

    private static void series(XYChart c, String name, double[] step, Ablation41 a,
                               ToDoubleFunction<Ablation41.Checkpoint> f, int color) {
        double[] y = a.checkpoints().stream().mapToDouble(f).toArray();
        XYSeries s = Charts.line(c, name, step, y, Charts.color(color), 2f);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(Charts.color(color));
    }

    private void probabilities(Ablation41 a) {
        List<Double> gn = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Double> ub = new ArrayList<>();
        double sseLoss = 0;
        double sseUb = 0;
        for (Ablation41.Checkpoint cp : a.checkpoints()) {
            int n = cp.pGradientNorm().length;
            if (n == 0 || cp.pLoss().length != n || cp.pUpperBound().length != n) {
                continue;
            }
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
        String title = "Fig. 2 eq.: sampling probabilities vs gradient-norm probabilities, " + gn.size() + " points ("
                + scaleText(a.scale(), a.standIn()) + ")";
        XYChart c = Charts.xy(title, "gradient-norm probability [1]", "loss / upper-bound probability [1]", false);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(3);
        XYSeries l = c.addSeries(String.format(Locale.ROOT, "loss (SSE %.4g)", sseLoss), gn, loss);
        l.setMarker(SeriesMarkers.CIRCLE);
        l.setMarkerColor(Charts.alpha(Charts.color(1), 110));
        XYSeries u = c.addSeries(String.format(Locale.ROOT, "upper-bound (SSE %.4g)", sseUb), gn, ub);
        u.setMarker(SeriesMarkers.CIRCLE);
        u.setMarkerColor(Charts.alpha(Charts.color(2), 110));
        double max = 0;
        for (List<Double> v : List.of(gn, loss, ub)) {
            max = Math.max(max, v.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(0));
        }
        XYSeries d = Charts.line(c, "perfect correlation (diagonal)", new double[]{0, max}, new double[]{0, max},
                Color.BLACK, 1.5f);
        d.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        Charts.save(c, dir, "fig2-probabilities");
        add("fig2-probabilities", "§4.1 ablation", title, "Each point is one sample of the 1,024-sample batch at one "
                + "checkpoint; the SSE in the legend is over all points (paper: loss 0.017, upper bound 0.002 over "
                + "16,384 points).");
    }

    private static double sq(double v) {
        return v * v;
    }

    // ------------------------------------------------------------------ experiments (Fig. 3-7, RAIS)

    private void experimentCurves(String exp, Scale s, List<RunRecord> runs) {
        String standIn = runs.stream().map(RunRecord::standIn).filter(Objects::nonNull).findFirst().orElse(null);
        String section = paperFigure(exp) + " — " + exp + " (" + s.id() + ")";
        Map<String, List<RunRecord>> groups = Curves.byGroup(runs);
        record Metric(String id, String name, String label, ToDoubleFunction<Point> f, boolean log) {
        }
        List<Metric> metrics = List.of(new Metric("train-loss", "training loss", "training loss [nats, log scale]", Point::trainLoss, true),
                new Metric("test-error", "test error", "test error [fraction misclassified]", Point::testError, false));
        for (Metric m : metrics) {
            for (Axis axis : List.of(Axis.WALL, Axis.COST, Axis.EPOCH)) {
                String id = Charts.slug(exp + "-" + s.id() + "-" + m.id + "-vs-" + axis.id);
                String title = paperFigure(exp) + " eq.: " + exp + " " + m.name + " vs " + axis.name
                        + " (" + scaleText(s, standIn) + ")";
                XYChart c = Charts.xy(title, axis.label, m.label, m.log);
                int drawn = 0;
                int color = 0;
                for (Map.Entry<String, List<RunRecord>> g : groups.entrySet()) {
                    Band b = Curves.band(g.getValue(), axis.value, m.f, m.log);
                    Color col = Charts.color(color++);
                    if (b.isEmpty()) {
                        continue;
                    }
                    long diverged = g.getValue().stream().filter(RunRecord::diverged).count();
                    String name = g.getKey() + " (mean of " + b.seeds() + " seed" + (b.seeds() == 1 ? "" : "s")
                            + (b.seeds() > 1 ? ", band min-max" : "") + (diverged > 0 ? ", " + diverged
                            + " diverged" : "") + ")";
                    Charts.line(c, name, b.x(), b.mean(), col, 2.2f);
                    if (b.seeds() > 1) {
                        Charts.line(c, g.getKey() + " min", b.x(), b.min(), Charts.alpha(col, 90), 1f)
                                .setShowInLegend(false);
                        Charts.line(c, g.getKey() + " max", b.x(), b.max(), Charts.alpha(col, 90), 1f)
                                .setShowInLegend(false);
                    }
                    drawn++;
                }
                if (drawn == 0) {
                    continue;
                }
                Charts.save(c, dir, id);
                add(id, section, title, "Mean over seeds per method; thin lines of the same colour are the min and max "
                        + "over seeds. Budget: " + Objects.toString(runs.get(0).budget(), "not recorded") + ".");
            }
        }
    }

    private void tau(String exp, Scale s, List<RunRecord> runs) {
        String standIn = runs.stream().map(RunRecord::standIn).filter(Objects::nonNull).findFirst().orElse(null);
        Axis axis = s == Scale.PAPER ? Axis.WALL : Axis.COST;
        for (Map.Entry<String, List<RunRecord>> g : Curves.byGroup(runs).entrySet()) {
            List<RunRecord> seeds = g.getValue().stream()
                    .filter(r -> r.series().stream().anyMatch(p -> Double.isFinite(p.tau()) && p.tau() > 0)).toList();
            if (seeds.isEmpty()) {
                continue;
            }
            String id = Charts.slug("tau-" + exp + "-" + s.id() + "-" + g.getKey());
            String title = "tau over time: " + exp + " " + g.getKey() + " (" + scaleText(s, standIn) + ")";
            XYChart c = Charts.xy(title, axis.label, "tau [batch-size increase equivalent, eq. 26]", false);
            double top = 0;
            double xmin = Double.POSITIVE_INFINITY;
            double xmax = Double.NEGATIVE_INFINITY;
            for (RunRecord r : seeds) {
                double[][] xy = Curves.xy(r, axis.value, Point::tau, false);
                for (int i = 0; i < xy[0].length; i++) {
                    top = Math.max(top, xy[1][i]);
                    xmin = Math.min(xmin, xy[0][i]);
                    xmax = Math.max(xmax, xy[0][i]);
                }
            }
            double th = seeds.get(0).configNum("tauTh");
            if (Double.isFinite(th)) {
                top = Math.max(top, th);
            }
            int color = 1;
            for (RunRecord r : seeds) {
                Color col = Charts.color(color++);
                double[][] on = onSteps(r, axis, top * 1.05);
                if (on[0].length > 0) {
                    XYSeries area = c.addSeries("IS on, seed " + r.seed(), on[0], on[1]);
                    area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
                    area.setMarker(SeriesMarkers.NONE);
                    area.setFillColor(Charts.alpha(col, 40));
                    area.setLineColor(Charts.alpha(col, 0));
                }
                double[][] xy = Curves.xy(r, axis.value, Point::tau, false);
                Charts.line(c, "tau, seed " + r.seed(), xy[0], xy[1], col, 1.8f);
            }
            if (Double.isFinite(th)) {
                Charts.dashed(c, "tau_th = " + th, new double[]{xmin, xmax}, new double[]{th, th}, Color.BLACK);
            }
            Charts.save(c, dir, id);
            add(id, paperFigure(exp) + " — " + exp + " (" + s.id() + ")", title, "tau (eq. 26, smoothed) per seed; the "
                    + "shaded areas are the intervals during which importance sampling was on for that seed; the dashed "
                    + "line is the threshold tau_th.");
        }
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
            String title = "JMH scores (" + e.getKey() + "), error bars = JMH 99.9% score error";
            CategoryChart c = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                    .title(Charts.fitTitle(title)).xAxisTitle("benchmark [class.method params]")
                    .yAxisTitle("score [" + e.getKey() + "]").build();
            c.getStyler().setChartTitleFont(Charts.titleFont(title));
            c.getStyler().setLegendVisible(false);
            c.getStyler().setChartBackgroundColor(Color.WHITE);
            c.getStyler().setXAxisLabelRotation(20);
            c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
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
            add(id, "Benchmarks", title, "From jmh.json (JMH -rf json).");
        }
    }

    private void check(CheckFile check) {
        for (CheckFile.Figure fig : check.figures()) {
            String id = Charts.slug("check-" + check.id() + "-" + fig.id());
            String title = Objects.toString(fig.title(), fig.id()) + " (" + Objects.toString(check.scale(), "?")
                    + " scale, check " + check.id() + ")";
            XYChart c = Charts.xy(title, Objects.toString(fig.xLabel(), "x"), Objects.toString(fig.yLabel(), "y"),
                    fig.logY());
            int color = 0;
            int drawn = 0;
            for (CheckFile.Series s : fig.series()) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (int i = 0; i < s.x().length; i++) {
                    if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i]) && (!fig.logY() || s.y()[i] > 0)) {
                        x.add(s.x()[i]);
                        y.add(s.y()[i]);
                    }
                }
                Color col = Charts.color(color++);
                if (x.isEmpty()) {
                    continue;
                }
                XYSeries xs = c.addSeries(s.name(), x, y);
                if (fig.kind().equals("scatter")) {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                    xs.setMarker(SeriesMarkers.CIRCLE);
                    xs.setMarkerColor(Charts.alpha(col, 140));
                } else {
                    xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    xs.setMarker(SeriesMarkers.NONE);
                    xs.setLineColor(col);
                    xs.setLineWidth(2f);
                }
                drawn++;
            }
            if (drawn == 0) {
                continue;
            }
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            Charts.save(c, dir, id);
            add(id, "Reviewer checks — " + Objects.toString(check.title(), check.id()), title,
                    Objects.toString(check.description(), ""));
        }
    }
}
