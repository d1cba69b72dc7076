/**
 * The RAIS reviewers' sanity checks, each a main class writing {@code <out>/checks/<id>.json} in the
 * generic check format ({@link org.isrepro.records.CheckRecord}, docs/reports.md): last-layer vs full per-sample gradient norms,
 * importance sampling on a fifth of the data, Goodfellow's per-example gradients against batch-size-1
 * backprop. See docs/rais.md.
 */
package org.isrepro.reproduction.checks;
