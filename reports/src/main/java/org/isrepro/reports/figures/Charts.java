package org.isrepro.reports.figures;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.isrepro.records.MethodIds.BIASED;
import static org.isrepro.records.MethodIds.GRADIENT_NORM;
import static org.isrepro.records.MethodIds.KATYUSHA;
import static org.isrepro.records.MethodIds.LOSHCHILOV_HUTTER;
import static org.isrepro.records.MethodIds.LOSS;
import static org.isrepro.records.MethodIds.OSGD;
import static org.isrepro.records.MethodIds.RAIS;
import static org.isrepro.records.MethodIds.SCHAUL;
import static org.isrepro.records.MethodIds.SCSG;
import static org.isrepro.records.MethodIds.SVRG;
import static org.isrepro.records.MethodIds.UNIFORM;
import static org.isrepro.records.MethodIds.UPPER_BOUND;

/** Shared chart style, the fixed colour and marker of each method, and the PNG + SVG writer. */
public final class Charts {
    /** Two figures sit side by side on a wide screen, each shown at about 0.75 of this size. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    /** Colour-blind-safe palette (Okabe-Ito) plus three darker tones, for series that are not methods. */
    static final Color[] PALETTE = {new Color(0, 0, 0), new Color(213, 94, 0), new Color(0, 114, 178),
            new Color(0, 158, 115), new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233),
            new Color(170, 150, 0), new Color(120, 120, 120), new Color(150, 60, 20)};

    /** One colour and one marker per method, the same in every figure (so a reader learns them once). */
    public record Style(Color color, Marker marker) {
    }

    private static final Map<String, Style> METHODS = Map.ofEntries(
            Map.entry(UNIFORM, new Style(PALETTE[0], SeriesMarkers.CIRCLE)),
            Map.entry(UPPER_BOUND, new Style(PALETTE[2], SeriesMarkers.DIAMOND)),
            Map.entry(LOSS, new Style(PALETTE[1], SeriesMarkers.SQUARE)),
            Map.entry(GRADIENT_NORM, new Style(PALETTE[3], SeriesMarkers.TRIANGLE_UP)),
            Map.entry(LOSHCHILOV_HUTTER, new Style(PALETTE[4], SeriesMarkers.TRIANGLE_DOWN)),
            Map.entry(SCHAUL, new Style(PALETTE[5], SeriesMarkers.CROSS)),
            Map.entry(SVRG, new Style(PALETTE[6], SeriesMarkers.PLUS)),
            Map.entry(KATYUSHA, new Style(PALETTE[7], SeriesMarkers.OVAL)),
            Map.entry(SCSG, new Style(PALETTE[8], SeriesMarkers.RECTANGLE)),
            Map.entry(OSGD, new Style(PALETTE[9], SeriesMarkers.TRAPEZOID)),
            Map.entry(RAIS, new Style(new Color(0, 70, 120), SeriesMarkers.DIAMOND)),
            Map.entry(BIASED, new Style(new Color(90, 40, 120), SeriesMarkers.SQUARE)));

    /** Variants of one method (presample sizes B) are told apart by shade and marker, in variant order. */
    private static final Color[] VARIANT_SHADES = {new Color(0, 114, 178), new Color(213, 94, 0),
            new Color(0, 158, 115), new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233),
            new Color(0, 0, 0), new Color(150, 60, 20)};
    private static final Marker[] MARKERS = {SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
            SeriesMarkers.CIRCLE, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
            SeriesMarkers.OVAL};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * The style of a method; {@code variantIndex} ≥ 0 when the figure shows several variants of the method
     * (each then gets its own shade and marker), −1 otherwise. Unknown methods get the grey of "other".
     */
    public static Style style(String method, int variantIndex) {
        if (variantIndex >= 0) {
            return new Style(VARIANT_SHADES[variantIndex % VARIANT_SHADES.length],
                    MARKERS[variantIndex % MARKERS.length]);
        }
        return METHODS.getOrDefault(method, new Style(PALETTE[8], SeriesMarkers.PLUS));
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    /** Longest title drawn; the figure's caption in the report carries the full description. */
    static final int MAX_TITLE = 60;

    /** The title as drawn: XChart neither wraps nor shrinks titles, so it must be short. */
    static String fitTitle(String title) {
        if (title == null || title.length() <= MAX_TITLE) {
            return title;
        }
        return title.substring(0, MAX_TITLE - 1) + "…";
    }

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    /**
     * An XY chart with a short title and the legend to the right of the plot (one entry per line, so five or
     * more series never run off the edges as a horizontal legend below the plot did).
     */
    static XYChart xy(String title, String xLabel, String yLabel, boolean logY) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(fitTitle(title)).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        var st = chart.getStyler();
        st.setChartTitleFont(TITLE_FONT);
        st.setChartTitleBoxVisible(false);
        st.setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setLegendLayout(Styler.LegendLayout.Vertical);
        st.setLegendFont(LEGEND_FONT);
        st.setLegendBorderColor(new Color(200, 200, 200));
        st.setAxisTitleFont(AXIS_FONT);
        st.setAxisTickLabelsFont(TICK_FONT);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setMarkerSize(7);
        st.setYAxisLogarithmic(logY);
        // ticks at 1..9 x 10^k, not only at the decades
        st.setYAxisLogarithmicDecadeOnly(false);
        st.setYAxisTickMarkSpacingHint(45);
        st.setXAxisDecimalPattern("#,##0.###");
        st.setYAxisDecimalPattern(logY ? "0.###" : "0.####");
        st.setAntiAlias(true);
        return chart;
    }

    /**
     * Whether a log axis helps: only when the values span at least a decade. Over a narrower range a log
     * axis has one or two ticks and hides the differences a linear axis shows.
     */
    static boolean logWorthIt(List<double[]> ys) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[] y : ys) {
            for (double v : y) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return hi > 0 && hi / lo >= 10;
    }

    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, float width) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(width);
        return s;
    }

    /** A method's line in its fixed colour, with its marker at every logged point. */
    static XYSeries methodLine(XYChart c, String name, double[] x, double[] y, Style style, float width) {
        XYSeries s = line(c, name, x, y, style.color(), width);
        s.setMarker(style.marker());
        s.setMarkerColor(style.color());
        return s;
    }

    static XYSeries dashed(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = line(c, name, x, y, color, 1.5f);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        return s;
    }

    /** A filled polygon between {@code lo} and {@code hi} (the band over seeds), not in the legend. */
    static void band(XYChart c, String name, double[] x, double[] lo, double[] hi, Color color) {
        int n = x.length;
        double[] px = new double[2 * n];
        double[] py = new double[2 * n];
        for (int i = 0; i < n; i++) {
            px[i] = x[i];
            py[i] = hi[i];
            px[2 * n - 1 - i] = x[i];
            py[2 * n - 1 - i] = lo[i];
        }
        XYSeries s = c.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(alpha(color, 45));
        s.setLineColor(alpha(color, 0));
        s.setShowInLegend(false);
    }

    /** Writes {@code dir/id.png} and {@code dir/id.svg}. */
    static void save(Chart<?, ?> chart, Path dir, String id) {
        try {
            Files.createDirectories(dir);
            String base = dir.resolve(id).toString();
            BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, base, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write figure " + id + " under " + dir, e);
        }
    }

    /** A file-name-safe id. */
    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
    }
}
