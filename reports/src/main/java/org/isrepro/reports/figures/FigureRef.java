package org.isrepro.reports.figures;

/**
 * A rendered figure: files are relative to the output directory (e.g. {@code figures/x.png}). {@code group}
 * is the subsection (one experiment at one scale, one check); {@code title} is the short title drawn in the
 * image, {@code caption} the full description (stand-in, paper setting, configuration). A figure with a
 * {@code parent} is not shown on the page but linked from its parent's caption as {@code linkLabel} (the
 * same curves on another clock).
 */
public record FigureRef(String id, Section section, String group, String title, String caption, String png,
                        String svg, String parent, String linkLabel) {

    public boolean shown() {
        return parent == null;
    }
}
