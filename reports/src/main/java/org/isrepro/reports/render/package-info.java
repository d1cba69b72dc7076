/**
 * The one-page report: {@code index.html} (self-contained apart from the figure files and the
 * records it links to) and {@code report.md}, both built from the same {@link
 * org.isrepro.reports.render.ReportModel}: a summary (scale, verdict counts, one line per experiment,
 * warnings, contents), the claims table, the paper's parts in its order with their figures and checks,
 * the benchmarks, provenance and stand-ins, and links to the records.
 */
package org.isrepro.reports.render;
