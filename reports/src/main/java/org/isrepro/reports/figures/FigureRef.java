package org.isrepro.reports.figures;

/** A rendered figure: files are relative to the output directory (e.g. {@code figures/x.png}). */
public record FigureRef(String id, String section, String title, String caption, String png, String svg) {
}
