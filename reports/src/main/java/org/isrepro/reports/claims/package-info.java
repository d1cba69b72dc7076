/**
 * The claims registry: every numeric claim of the papers' claims (listed in docs/reports.md) (the paper, sections
 * 1-4 and appendices C-E, and the RAIS poster and review) with its source, the paper's numbers and,
 * per scale, the predicate that decides it from the records with its tolerance written out. A claim
 * whose inputs are missing is {@code not-run} with a reason; a failing claim is a result, reported
 * with its numbers. {@link org.isrepro.reports.claims.ClaimRegistry} lists the claims in the paper's order; each
 * is declared once, in the class of its section (docs/reports.md, "How a claim is judged").
 */
package org.isrepro.reports.claims;
