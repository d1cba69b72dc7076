/**
 * The nightly regression check: the numbers worth watching (claim verdicts, equal-budget speed-up
 * ratios, the section 4.1 SSE ratio, benchmark ratios) compared with the committed baseline
 * {@code reports/baseline/nightly.json} under the relative tolerances stated in it. A regression is
 * a verdict that went from pass to fail (or disappeared), or a ratio that moved beyond its tolerance
 * in the bad direction; the diff says which number moved, from what, to what.
 */
package org.isrepro.reports.nightly;
