/**
 * From an experiment and a {@link org.isrepro.reproduction.experiment.MethodSpec} to the core
 * {@link org.isrepro.core.method.Method} a run steps: each method reads its parameters by name and type
 * ({@link org.isrepro.reproduction.method.Params}), and a key no method reads is an error that lists the
 * known ones. Also the wrappers a run may ask for (a training subset) and the RAIS-family builders.
 */
package org.isrepro.reproduction.method;
