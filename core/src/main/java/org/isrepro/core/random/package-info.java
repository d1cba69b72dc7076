/**
 * Seeded randomness shared by every module: fixed permutations (evaluation subsets, validation splits,
 * permuted-pixel sequences, training subsets) and the replayable per-purpose streams a run draws from, so
 * that a resumed run continues the same stream (docs/records.md, "Checkpoints, locks and stopping").
 */
package org.isrepro.core.random;
