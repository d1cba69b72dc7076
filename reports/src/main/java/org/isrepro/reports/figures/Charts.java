package org.isrepro.reports.figures;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared chart style and the PNG + SVG writer. */
public final class Charts {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 600;

    /** Colour-blind-safe palette (Okabe-Ito), in method order. */
    static final Color[] PALETTE = {new Color(0, 0, 0), new Color(213, 94, 0), new Color(0, 114, 178),
            new Color(0, 158, 115), new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233),
            new Color(240, 228, 66), new Color(120, 120, 120), new Color(150, 60, 20)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    /** Longest title drawn whole; longer ones are cut in the middle (the report's caption has them whole). */
    static final int MAX_TITLE = 190;

    /** The title as drawn: XChart neither wraps nor shrinks titles, so long stand-in names were clipped. */
    static String fitTitle(String title) {
        if (title == null || title.length() <= MAX_TITLE) {
            return title;
        }
        int head = (MAX_TITLE - 1) / 2;
        int tail = MAX_TITLE - 1 - head;
        return title.substring(0, head) + "…" + title.substring(title.length() - tail);
    }

    /** A bold title font small enough for the title to fit the figure's width (between 8 and 13 points). */
    static Font titleFont(String title) {
        int len = title == null ? 0 : fitTitle(title).length();
        int size = len == 0 ? 13 : (int) Math.max(8, Math.min(13, (WIDTH - 40) / (0.6 * len)));
        return new Font(Font.SANS_SERIF, Font.BOLD, size);
    }

    static XYChart xy(String title, String xLabel, String yLabel, boolean logY) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(fitTitle(title)).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        var st = chart.getStyler();
        st.setChartTitleFont(titleFont(title));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setMarkerSize(4);
        st.setYAxisLogarithmic(logY);
        // losses often span less than a decade; label the intermediate ticks too
        st.setYAxisLogarithmicDecadeOnly(false);
        st.setXAxisDecimalPattern("#,##0.###");
        if (!logY) {
            st.setYAxisDecimalPattern("0.###");
        }
        st.setAntiAlias(true);
        return chart;
    }

    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, float width) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(width);
        return s;
    }

    static XYSeries dashed(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = line(c, name, x, y, color, 1.5f);
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        return s;
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
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
    }
}
