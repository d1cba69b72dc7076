/**
 * What {@code make compare} says beside a flagged claim: which files the claim read ({@link ClaimInputs}) and which
 * of their provenance fields differ between the two reports ({@link ProvenanceDiff}), so that a moved estimate can be
 * told apart by machine, native build, threads or code (docs/reports.md, "Comparing two reports").
 */
package org.isrepro.reports.compare;
