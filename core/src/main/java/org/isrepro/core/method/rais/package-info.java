/**
 * RAIS-SGD and oracle SGD (Johnson &amp; Guestrin, NeurIPS 2018), from the partial-source specification
 * docs/rais.md: {@link org.isrepro.core.method.rais.OracleSgd} (§2: sampling ∝ exact
 * per-sample gradient norms, learning rate × gain ratio) and {@link org.isrepro.core.method.rais.Rais}
 * (§3-4: features, the ellipsoidal uncertainty set, the closed-form robust distribution, the (PT) fit,
 * the gain-ratio estimate and the effective iteration t̂). Every choice the spec tags [ASSUME] is a
 * named field of {@link org.isrepro.core.method.rais.RaisConfig}; docs/rais.md lists them.
 */
package org.isrepro.core.method.rais;
