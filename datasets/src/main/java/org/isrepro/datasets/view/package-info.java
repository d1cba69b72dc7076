/**
 * Index-preserving views over an {@link org.isrepro.datasets.IndexedDataset}: subsets and a seeded
 * stratified validation split, class filters with remapped labels, padding and 2x downsampling,
 * pixel-by-pixel (permuted) sequences for §4.3, and the CIFAR augmentation of §4.2, either on the
 * fly and deterministic in (seed, index, epoch) or as the paper's fixed pool of 1.5M pre-augmented
 * images addressed by virtual index. Nothing is copied or materialised; each view derives its
 * checksum from its parent's and its own parameters.
 */
package org.isrepro.datasets.view;
