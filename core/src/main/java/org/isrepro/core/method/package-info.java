/**
 * Training methods, one class per algorithm: {@link org.isrepro.core.method.Uniform} SGD and
 * {@link org.isrepro.core.method.ImportanceSampling} (Algorithm 1, §3.3), with the baselines of §4.2,
 * appendix C and RAIS-SGD alongside.
 */
package org.isrepro.core.method;
