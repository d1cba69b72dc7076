/**
 * The runner: one experiment × method × seed to a fixed budget on two clocks (wall seconds and cost
 * units), with evaluations, checkpoints and resume, written as one atomic JSON record.
 */
package org.isrepro.reproduction.run;
