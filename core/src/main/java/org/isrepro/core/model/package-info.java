/**
 * The network as importance sampling needs it (paper §3): inference forward passes exposing the output
 * layer's pre-activations z (eq. 20), weighted steps (eq. 2 with w_i = 1/(N p_i)), per-sample gradients.
 * {@link org.isrepro.core.model.DlModel} adapts DL4J networks.
 */
package org.isrepro.core.model;
