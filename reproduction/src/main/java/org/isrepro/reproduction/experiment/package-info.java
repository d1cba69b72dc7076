/**
 * Experiments as data (paper §4.2-4.4, appendices C and D) at three scales: smoke, cpu, paper. An
 * {@link org.isrepro.reproduction.experiment.Experiment} is built from named, validated parts; the
 * catalog package lists every family's experiments.
 */
package org.isrepro.reproduction.experiment;
