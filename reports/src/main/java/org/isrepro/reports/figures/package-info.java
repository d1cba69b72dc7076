/**
 * XChart figures, each written as PNG and SVG under {@code figures/}: the paper's figures 1-7
 * equivalents (section 4.1 variance ratio and probability scatter; training loss and test error with the mean
 * over seeds, its 95% t-interval and the min-max envelope, on the clock the claims use, the other clocks linked;
 * appendices C and D), tau over time with importance sampling on shaded, the JMH scores and the reviewer checks'
 * figures. Each method keeps one colour and marker in every figure; titles are short and the captions carry the
 * scale, the stand-in, the paper's setting and the configuration read from the records.
 */
package org.isrepro.reports.figures;
