/** Sampling with replacement from the score distribution (Algorithm 1, line 8). */
package org.isrepro.core.sample;
