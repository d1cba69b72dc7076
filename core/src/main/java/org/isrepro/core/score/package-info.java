/**
 * Per-sample importance scores (paper §3.2): the loss, the upper bound of eq. 20, the exact gradient
 * norm and the last-layer gradient norm. Forward-only scorers implement
 * {@link org.isrepro.core.score.ForwardScorer} and cost one forward pass.
 */
package org.isrepro.core.score;
