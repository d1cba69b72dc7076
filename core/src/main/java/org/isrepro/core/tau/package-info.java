/** The variance-reduction estimator tau of §3.3 (eq. 23-26) that switches importance sampling on. */
package org.isrepro.core.tau;
