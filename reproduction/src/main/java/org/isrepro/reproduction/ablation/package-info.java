/** The §4.1 ablation: how well the loss and the upper bound of eq. 20 track exact gradient norms. */
package org.isrepro.reproduction.ablation;
