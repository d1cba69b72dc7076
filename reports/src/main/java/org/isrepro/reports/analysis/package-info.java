/**
 * Arithmetic over records shared by claims, figures and the nightly check: grouping runs by
 * (method, variant), mean and min-max bands over seeds on a common grid, final values at equal
 * budget, and "time to reach a loss level".
 */
package org.isrepro.reports.analysis;
