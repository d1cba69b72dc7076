/**
 * The one-page report: {@code index.html} (self-contained apart from the figure files and the
 * records it links to) and {@code report.md}, both built from the same {@link
 * org.isrepro.reports.render.ReportModel}: environment and provenance, the claims table (paper vs
 * measured, verdict), every figure, the benchmark ratios, the reviewer checks and links to the records.
 */
package org.isrepro.reports.render;
