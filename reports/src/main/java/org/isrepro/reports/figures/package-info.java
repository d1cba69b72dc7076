/**
 * XChart figures, each written as PNG and SVG under {@code figures/}: the paper's figures 1-7
 * equivalents (section 4.1 variance ratio and probability scatter; loss and test error against
 * wall-clock, cost clock and epochs with a min-max band over seeds; appendices C and D), tau over
 * time with importance sampling on/off shaded, the JMH scores and the reviewer checks' figures.
 * Every title names the scale and, below paper scale, the stand-in.
 */
package org.isrepro.reports.figures;
