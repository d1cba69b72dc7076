/**
 * The DL4J half of the framework check (docs/framework.md): a run that exports what a PyTorch twin needs to
 * take the same steps — the data subset, the initial parameters, every step's samples, importance weights
 * (Algorithm 1, line 9), learning rate and upper-bound scores (eq. 20), and at checkpoint steps the
 * parameters, updater state, gradients and activations before and after the step.
 */
package org.isrepro.reproduction.lockstep;
