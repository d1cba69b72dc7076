/**
 * RAIS-SGD experiments (Johnson &amp; Guestrin, NeurIPS 2018 poster): the oracle study on MNIST with LeNet-5
 * and RAIS against uniform SGD on the §4.2 setting, plus how the runner's schedule and budget become
 * lr_sched(t̂) and T for the methods. See docs/rais.md.
 */
package org.isrepro.reproduction.rais;
