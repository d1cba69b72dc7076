/**
 * The reports module: reads run records and other result files written under an output directory
 * (default {@code reports/out/}) and renders what reproduced and what did not. It never trains.
 *
 * <p>Entry points: {@link org.isrepro.reports.ReportMain} (claims.json, figures, index.html,
 * report.md) and {@link org.isrepro.reports.nightly.NightlyCheck} (comparison with the committed
 * nightly baseline). File formats are in {@code docs/records.md} and {@code docs/reports.md}.
 */
package org.isrepro.reports;
