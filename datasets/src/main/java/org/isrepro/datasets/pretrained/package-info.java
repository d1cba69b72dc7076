/**
 * Pretrained weights treated like a dataset: the ImageNet ResNet-50 of deeplearning4j-zoo that §4.2
 * fine-tunes on MIT67 is checked for presence and its published checksum before use, downloaded
 * atomically, explained clearly when offline, and replaceable by random weights so the fine-tuning
 * code path stays testable without the file.
 */
package org.isrepro.datasets.pretrained;
