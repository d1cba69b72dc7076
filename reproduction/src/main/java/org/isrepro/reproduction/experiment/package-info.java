/**
 * Experiments as data (paper §4.1-4.4, appendices C and D, RAIS) at three scales: smoke, cpu, paper.
 * {@link org.isrepro.reproduction.experiment.Experiments} is the registry.
 */
package org.isrepro.reproduction.experiment;
