/**
 * Read-only views of the result files: run records ({@code runs/*.json}), the section 4.1 ablation
 * ({@code ablation-4.1.json}), benchmark ratios, JMH output and reviewer checks
 * ({@code checks/*.json}). {@link org.isrepro.reports.records.Results} loads whatever subset exists;
 * a malformed file fails loudly with its path.
 */
package org.isrepro.reports.records;
