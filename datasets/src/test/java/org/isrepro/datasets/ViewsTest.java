package org.isrepro.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.isrepro.datasets.view.Augmentation;
import org.isrepro.datasets.view.AugmentedDataset;
import org.isrepro.datasets.view.ClassFilter;
import org.isrepro.datasets.view.Downsample;
import org.isrepro.datasets.view.Pad;
import org.isrepro.datasets.view.PermutedSequence;
import org.isrepro.datasets.view.PreAugmentedPool;
import org.isrepro.datasets.view.Subset;
import org.isrepro.datasets.view.ValidationSplit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

@Tag("fast")
class ViewsTest {
    /** 50 grey 28x28 images, labels i % 10, pixel values from Fixtures.pixel. */
    static ImageDataset mnistLike(String name) {
        int n = 50;
        byte[] px = Arrays.copyOfRange(Fixtures.idxImages(n, 28, 28), 16, 16 + n * 784);
        return ImageDataset.ofBytes(name, 1, 28, 28, px, Fixtures.labelsCycling(n, 10), 10,
                Normalization.unitRange(255f), Sha256.of(name));
    }

    static ImageDataset cifarLike(int n) {
        byte[] rec = Fixtures.cifarRecords(Fixtures.labelsCycling(n, 10), null);
        byte[] px = new byte[n * 3072];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rec[i * 3073];
            System.arraycopy(rec, i * 3073 + 1, px, i * 3072, 3072);
        }
        return ImageDataset.ofBytes("cifar-like", 3, 32, 32, px, labels, 10,
                Catalog.CIFAR10_NORMALIZATION, Sha256.of("cifar-like"));
    }

    private static float px(IndexedDataset ds, int i, int c, int y, int x) {
        return ds.get(new int[] {i}).getFeatures().getFloat(0, c, y, x);
    }

    @Test
    void getAllowsDuplicatesAndTheSameIndexAlwaysGivesTheSameSample() {
        ImageDataset ds = mnistLike("m");
        DataSet d = ds.get(new int[] {7, 7, 3});
        assertEquals(d.getFeatures().slice(0), d.getFeatures().slice(1));
        assertEquals(ds.get(new int[] {3}).getFeatures().slice(0), d.getFeatures().slice(2));
    }

    @Test
    void subsetReindexesWithoutCopying() {
        ImageDataset ds = mnistLike("m");
        Subset s = Subset.of(ds, new int[] {9, 2, 2});
        assertEquals(3, s.size());
        assertEquals(9, s.label(0));
        assertEquals(ds.get(new int[] {2}).getFeatures(), s.get(new int[] {1}).getFeatures());
        assertNotEquals(ds.checksum(), s.checksum());
    }

    @Test
    void validationSplitDrawsWhatItsOwnShuffleDrewBeforeItUsedTheSharedOne() {
        // 30 samples of 3 interleaved classes; the indices were printed by the split's former hand-written shuffle
        int[] labels = new int[30];
        Arrays.setAll(labels, i -> (i * 7) % 3);
        ImageDataset ds = ImageDataset.ofBytes("three", 1, 1, 1, new byte[30], labels, 3,
                Normalization.unitRange(255f), Sha256.of("three"));
        ValidationSplit s = ValidationSplit.split(ds, 0.3, 7);
        assertArrayEquals(new int[] {0, 1, 3, 7, 14, 15, 22, 26, 29}, s.validation().parentIndices());
    }

    @Test
    void validationSplitIsDisjointCoveringStratifiedAndSeeded() {
        ImageDataset ds = mnistLike("m");
        ValidationSplit a = ValidationSplit.split(ds, 0.2, 7);
        ValidationSplit b = ValidationSplit.split(ds, 0.2, 7);
        ValidationSplit c = ValidationSplit.split(ds, 0.2, 8);
        assertEquals(10, a.validation().size());
        assertEquals(40, a.train().size());
        Set<Integer> all = new HashSet<>();
        for (int i : a.train().parentIndices()) {
            all.add(i);
        }
        for (int i : a.validation().parentIndices()) {
            assertTrue(all.add(i), "index " + i + " in both parts");
        }
        assertEquals(50, all.size());
        int[] perClass = new int[10];
        for (int i = 0; i < a.validation().size(); i++) {
            perClass[a.validation().label(i)]++;
        }
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, perClass);
        assertArrayEquals(a.validation().parentIndices(), b.validation().parentIndices());
        assertTrue(!Arrays.equals(a.validation().parentIndices(), c.validation().parentIndices()),
                "another seed holds out other samples");
    }

    @Test
    void classFilterKeepsOnlyThoseClassesAndRemapsLabels() {
        ImageDataset ds = mnistLike("m");
        ClassFilter hi = ClassFilter.range(ds, 5, 9);
        assertEquals(5, hi.numClasses());
        assertEquals(25, hi.size());
        for (int i = 0; i < hi.size(); i++) {
            assertTrue(hi.label(i) >= 0 && hi.label(i) < 5);
        }
        // first sample of the filtered view is parent sample 5 (label 5 -> 0)
        DataSet d = hi.get(new int[] {0, 4});
        assertEquals(ds.get(new int[] {5}).getFeatures().slice(0), d.getFeatures().slice(0));
        assertArrayEquals(new long[] {2, 5}, d.getLabels().shape());
        assertEquals(1f, d.getLabels().getFloat(0, 0));
        assertEquals(1f, d.getLabels().getFloat(1, 4));
    }

    @Test
    void padCentresTheImageAndFillsTheBorder() {
        ImageDataset ds = mnistLike("m");
        Pad p = Pad.to(ds, 32, 32);
        assertArrayEquals(new long[] {1, 32, 32}, p.sampleShape());
        assertEquals(0f, px(p, 3, 0, 0, 0));
        assertEquals(0f, px(p, 3, 0, 31, 31));
        assertEquals(px(ds, 3, 0, 0, 0), px(p, 3, 0, 2, 2));
        assertEquals(px(ds, 3, 0, 27, 27), px(p, 3, 0, 29, 29));
    }

    @Test
    void downsampleAveragesTwoByTwoBlocks() {
        ImageDataset ds = mnistLike("m");
        Downsample d = Downsample.by2(ds);
        assertArrayEquals(new long[] {1, 14, 14}, d.sampleShape());
        float expected = (px(ds, 4, 0, 6, 10) + px(ds, 4, 0, 6, 11) + px(ds, 4, 0, 7, 10)
                + px(ds, 4, 0, 7, 11)) / 4;
        assertEquals(expected, px(d, 4, 0, 3, 5), 1e-6);
    }

    @Test
    void permutationIsABijectionSharedByTrainAndTest() {
        ImageDataset train = mnistLike("m/train");
        ImageDataset test = mnistLike("m/test");
        PermutedSequence a = PermutedSequence.of(train, 42);
        PermutedSequence b = PermutedSequence.of(test, 42);
        int[] p = a.permutation();
        assertArrayEquals(p, b.permutation());
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        int[] identity = new int[784];
        Arrays.setAll(identity, i -> i);
        assertArrayEquals(identity, sorted, "every pixel appears exactly once");
        assertTrue(!Arrays.equals(identity, p), "not the identity");
        assertTrue(!Arrays.equals(p, PermutedSequence.permutation(784, 43)), "seed matters");
        assertArrayEquals(new long[] {1, 784}, a.sampleShape());
        INDArray seq = a.get(new int[] {6, 1}).getFeatures();
        assertArrayEquals(new long[] {2, 1, 784}, seq.shape());
        INDArray flat = train.get(new int[] {6}).getFeatures().reshape(784);
        for (int t : new int[] {0, 1, 100, 783}) {
            assertEquals(flat.getFloat(p[t]), seq.getFloat(0, 0, t));
        }
    }

    @Test
    void severalPixelsPerStepCutThePermutedSequenceInOrder() {
        ImageDataset train = mnistLike("m/train");
        PermutedSequence one = PermutedSequence.of(Downsample.by2(train), 42);
        PermutedSequence four = PermutedSequence.of(Downsample.by2(train), 42, 4);
        assertArrayEquals(new long[] {4, 49}, four.sampleShape());
        assertNotEquals(one.checksum(), four.checksum());
        INDArray a = one.get(new int[] {3}).getFeatures();
        INDArray b = four.get(new int[] {3}).getFeatures();
        for (int t = 0; t < 49; t++) {
            for (int f = 0; f < 4; f++) {
                assertEquals(a.getFloat(0, 0, 4 * t + f), b.getFloat(0, f, t), "step " + t + " pixel " + f);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> PermutedSequence.of(Downsample.by2(train), 42, 5));
    }

    @Test
    void downsampledSequenceHas196Steps() {
        PermutedSequence s = PermutedSequence.of(Downsample.by2(mnistLike("m")), 1);
        assertArrayEquals(new long[] {1, 196}, s.sampleShape());
        assertArrayEquals(new long[] {3, 1, 196}, s.get(new int[] {0, 1, 2}).getFeatures().shape());
        PermutedSequence u = PermutedSequence.unpermuted(mnistLike("m"));
        assertEquals(px(mnistLike("m"), 0, 0, 1, 2), u.get(new int[] {0}).getFeatures().getFloat(0, 0, 30));
    }

    @Test
    void augmentationIsDeterministicForSeedIndexAndEpoch() {
        ImageDataset ds = cifarLike(20);
        float[] black = Catalog.CIFAR10_NORMALIZATION.black(3);
        AugmentedDataset a = AugmentedDataset.of(ds, 5, black);
        AugmentedDataset b = AugmentedDataset.of(ds, 5, black);
        int[] idx = {0, 3, 3, 19};
        assertEquals(a.get(idx, 2).getFeatures(), b.get(idx, 2).getFeatures());
        a.setEpoch(2);
        assertEquals(a.get(idx).getFeatures(), b.get(idx, 2).getFeatures());
        assertEquals(a.get(new int[] {3}, 2).getFeatures().slice(0), a.get(idx, 2).getFeatures().slice(1));
        assertNotEquals(a.get(idx, 2).getFeatures(), a.get(idx, 3).getFeatures(), "epochs differ");
        assertNotEquals(a.get(idx, 2).getFeatures(),
                AugmentedDataset.of(ds, 6, black).get(idx, 2).getFeatures(), "seeds differ");
    }

    @Test
    void augmentationDrawsCoverEveryOffsetAndBothFlips() {
        Set<String> seen = new HashSet<>();
        int flips = 0;
        for (int i = 0; i < 5000; i++) {
            Augmentation g = Augmentation.draw(11, i, 0, 4);
            assertTrue(g.dy() >= 0 && g.dy() <= 8 && g.dx() >= 0 && g.dx() <= 8);
            seen.add(g.dy() + "," + g.dx());
            flips += g.flip() ? 1 : 0;
        }
        assertEquals(81, seen.size());
        assertTrue(flips > 2300 && flips < 2700, "flip rate " + flips / 5000.0);
    }

    @Test
    void cropAndFlipMovePixelsAndPadWithBlack() {
        ImageDataset ds = cifarLike(2);
        float[] black = Catalog.CIFAR10_NORMALIZATION.black(3);
        float[] src = Batches.toFloats(ds.get(new int[] {1}).getFeatures());
        float[] dst = new float[src.length];
        // shift down-right by 2 (dy = dx = pad - 2) and mirror
        new Augmentation(2, 2, true, 4).apply(src, 0, 3, 32, 32, black, dst, 0);
        // output (y, x) shows cropped (y, 31 - x) = source (y - 2, 31 - x - 2)
        assertEquals(src[1 * 1024 + 8 * 32 + (31 - 5 - 2)], dst[1 * 1024 + 10 * 32 + 5], 1e-6);
        assertEquals(black[2], dst[2 * 1024 + 1 * 32 + 7], 1e-6, "rows above the image are padding");
        float[] same = new float[src.length];
        Augmentation.identity(4).apply(src, 0, 3, 32, 32, black, same, 0);
        assertArrayEquals(src, same);
    }

    @Test
    void aPoolMirrorsOnlyTheClassesWhoseMirrorImageKeepsItsClass() {
        ImageDataset ds = mnistLike("digits");
        BitSet clothes = new BitSet();
        clothes.set(0, 5);
        PreAugmentedPool pool = PreAugmentedPool.of(ds, 5_000, 3, 2, new float[] {0f}, clothes);
        int mirrored = 0;
        Set<String> shifts = new HashSet<>();
        for (int k = 0; k < pool.size(); k++) {
            Augmentation a = pool.augmentation(k);
            assertTrue(a.dy() >= 0 && a.dy() <= 4 && a.dx() >= 0 && a.dx() <= 4, "shifts of at most 2 pixels");
            shifts.add(a.dy() + "," + a.dx());
            if (a.flip()) {
                mirrored++;
                assertTrue(pool.label(k) < 5, "class " + pool.label(k) + " is never mirrored");
            }
        }
        assertEquals(25, shifts.size());
        assertTrue(mirrored > 1_000 && mirrored < 1_500, "about half of the mirrorable half: " + mirrored);
        assertEquals(100, pool.size() / ds.size());
        assertNotEquals(PreAugmentedPool.of(ds, 5_000, 3, 2, new float[] {0f}, PreAugmentedPool.allClasses(ds))
                .checksum(), pool.checksum());
        float[] src = Batches.toFloats(ds.get(new int[] {pool.baseIndex(4_321)}).getFeatures());
        float[] expected = new float[src.length];
        pool.augmentation(4_321).apply(src, 0, 1, 28, 28, new float[] {0f}, expected, 0);
        assertArrayEquals(expected, Batches.toFloats(pool.get(new int[] {4_321}).getFeatures()));
    }

    @Test
    void preAugmentedPoolMapsEachVirtualIndexToAFixedBaseAndAugmentation() {
        ImageDataset ds = cifarLike(10);
        float[] black = Catalog.CIFAR10_NORMALIZATION.black(3);
        PreAugmentedPool pool = PreAugmentedPool.paper(ds, 3, black);
        assertEquals(1_500_000, pool.size());
        assertEquals(7, pool.baseIndex(1_234_567));
        assertEquals(ds.label(7), pool.label(1_234_567));
        int[] idx = {1_234_567, 17, 1_499_999};
        assertEquals(pool.get(idx).getFeatures(),
                PreAugmentedPool.paper(ds, 3, black).get(idx).getFeatures());
        float[] src = Batches.toFloats(ds.get(new int[] {7}).getFeatures());
        float[] expected = new float[src.length];
        pool.augmentation(1_234_567).apply(src, 0, 3, 32, 32, black, expected, 0);
        assertArrayEquals(expected, Batches.toFloats(pool.get(new int[] {1_234_567}).getFeatures()));
    }
}
