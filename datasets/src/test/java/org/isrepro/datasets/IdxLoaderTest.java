package org.isrepro.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.source.IdxDatasets;
import org.isrepro.datasets.source.Pin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

@Tag("fast")
class IdxLoaderTest {
    @TempDir Path tmp;

    private ImageDataset load(Path images, Path labels) {
        return IdxDatasets.load("fixture", images, labels, 10, null, null);
    }

    @Test
    void gzippedAndPlainIdxFilesRoundTripToTheSamePixelsAndLabels() {
        int[] labels = {3, 1, 4, 1, 5, 9, 2};
        byte[] img = Fixtures.idxImages(7, 28, 28);
        byte[] lbl = Fixtures.idxLabels(labels);
        ImageDataset gz = load(Fixtures.write(tmp.resolve("a/img.gz"), Fixtures.gzip(img)),
                Fixtures.write(tmp.resolve("a/lbl.gz"), Fixtures.gzip(lbl)));
        ImageDataset plain = load(Fixtures.write(tmp.resolve("b/img"), img),
                Fixtures.write(tmp.resolve("b/lbl"), lbl));
        assertEquals(7, gz.size());
        assertArrayEquals(new long[] {1, 28, 28}, gz.sampleShape());
        DataSet d = gz.get(new int[] {5, 0, 5});
        assertArrayEquals(new long[] {3, 1, 28, 28}, d.getFeatures().shape());
        assertArrayEquals(new long[] {3, 10}, d.getLabels().shape());
        assertEquals(Fixtures.pixel(5, 3, 11) / 255f, d.getFeatures().getFloat(0, 0, 3, 11), 1e-6);
        assertEquals(Fixtures.pixel(0, 27, 2) / 255f, d.getFeatures().getFloat(1, 0, 27, 2), 1e-6);
        assertEquals(1f, d.getLabels().getFloat(0, 9));
        assertEquals(1f, d.getLabels().getFloat(1, 3));
        assertEquals(1f, d.getLabels().sumNumber().floatValue() / 3f);
        assertEquals(9, gz.label(5));
        assertEquals(gz.get(new int[] {2, 6}).getFeatures(), plain.get(new int[] {2, 6}).getFeatures());
        assertEquals(gz.checksum(), plain.checksum(), "checksum identifies content, not compression");
    }

    @Test
    void truncatedImageFileIsReportedAsTruncated() {
        byte[] img = Fixtures.idxImages(5, 28, 28);
        Path lbl = Fixtures.write(tmp.resolve("lbl"), Fixtures.idxLabels(new int[5]));
        Path cut = Fixtures.write(tmp.resolve("img"), Arrays.copyOf(img, img.length - 100));
        DatasetException e = assertThrows(DatasetException.class, () -> load(cut, lbl));
        assertEquals(Kind.TRUNCATED, e.kind());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
    }

    @Test
    void truncatedGzipIsReportedAsTruncated() {
        byte[] gz = Fixtures.gzip(Fixtures.idxImages(5, 28, 28));
        Path lbl = Fixtures.write(tmp.resolve("lbl"), Fixtures.idxLabels(new int[5]));
        Path cut = Fixtures.write(tmp.resolve("img.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertEquals(Kind.TRUNCATED,
                assertThrows(DatasetException.class, () -> load(cut, lbl)).kind());
    }

    @Test
    void fileWithHeaderOnlyIsTruncated() {
        Path lbl = Fixtures.write(tmp.resolve("lbl"), Fixtures.idxLabels(new int[5]));
        Path cut = Fixtures.write(tmp.resolve("img"), Arrays.copyOf(Fixtures.idxImages(5, 28, 28), 10));
        assertEquals(Kind.TRUNCATED,
                assertThrows(DatasetException.class, () -> load(cut, lbl)).kind());
    }

    @Test
    void swappedImageAndLabelFilesAreReportedAsBadMagic() {
        Path img = Fixtures.write(tmp.resolve("img"), Fixtures.idxImages(5, 28, 28));
        Path lbl = Fixtures.write(tmp.resolve("lbl"), Fixtures.idxLabels(new int[5]));
        DatasetException e = assertThrows(DatasetException.class, () -> load(lbl, img));
        assertEquals(Kind.BAD_MAGIC, e.kind());
        assertTrue(e.getMessage().contains("0x00000801"), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsReportedWithItsIndex() {
        Path img = Fixtures.write(tmp.resolve("img"), Fixtures.idxImages(4, 28, 28));
        Path lbl = Fixtures.write(tmp.resolve("lbl"), Fixtures.idxLabels(new int[] {0, 9, 10, 1}));
        DatasetException e = assertThrows(DatasetException.class, () -> load(img, lbl));
        assertEquals(Kind.LABEL_OUT_OF_RANGE, e.kind());
        assertTrue(e.getMessage().contains("label 10 of sample 2"), e.getMessage());
    }

    @Test
    void differentImageAndLabelCountsAreReported() {
        Path img = Fixtures.write(tmp.resolve("img"), Fixtures.idxImages(4, 28, 28));
        Path lbl = Fixtures.write(tmp.resolve("lbl"), Fixtures.idxLabels(new int[5]));
        assertEquals(Kind.BAD_DIMENSIONS,
                assertThrows(DatasetException.class, () -> load(img, lbl)).kind());
    }

    @Test
    void trailingBytesAreReportedAsSizeMismatch() {
        byte[] img = Fixtures.idxImages(4, 28, 28);
        Path longer = Fixtures.write(tmp.resolve("img"), Arrays.copyOf(img, img.length + 3));
        Path lbl = Fixtures.write(tmp.resolve("lbl"), Fixtures.idxLabels(new int[4]));
        assertEquals(Kind.SIZE_MISMATCH,
                assertThrows(DatasetException.class, () -> load(longer, lbl)).kind());
    }

    @Test
    void fileThatDiffersFromItsPinIsAChecksumMismatch() {
        byte[] img = Fixtures.idxImages(4, 28, 28);
        byte[] lbl = Fixtures.idxLabels(new int[4]);
        Path i = Fixtures.write(tmp.resolve("img.gz"), Fixtures.gzip(img));
        Path l = Fixtures.write(tmp.resolve("lbl"), lbl);
        Pin goodImg = new Pin("img.gz", Sha256.of(img), Set.of());
        Pin goodLbl = new Pin("lbl", "0".repeat(64), Set.of(Sha256.of(lbl)));
        assertEquals(4, IdxDatasets.load("pinned", i, l, 10, goodImg, goodLbl).size(),
                "a pin matches through the decompressed or the stored SHA-256");
        Pin bad = new Pin("img.gz", "ab".repeat(32), Set.of("cd".repeat(32)));
        DatasetException e = assertThrows(DatasetException.class,
                () -> IdxDatasets.load("pinned", i, l, 10, bad, goodLbl));
        assertEquals(Kind.CHECKSUM_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains("ab".repeat(32)) && e.getMessage().contains(Sha256.of(img)),
                e.getMessage());
    }

    @Test
    void missingFileIsReportedAsMissing() {
        Path lbl = Fixtures.write(tmp.resolve("lbl"), Fixtures.idxLabels(new int[4]));
        assertEquals(Kind.MISSING, assertThrows(DatasetException.class,
                () -> load(tmp.resolve("nope"), lbl)).kind());
    }

    @Test
    void fashionMnistFromTheDataDirectoryIsVerifiedAgainstThePublishedChecksums() {
        Fixtures.idxSet(tmp.resolve("fashion-mnist"), 20, 10);
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.fashionMnist(DataDirectory.of(tmp).offline(true), Split.TRAIN));
        assertEquals(Kind.CHECKSUM_MISMATCH, e.kind(), "a fixture is not the real Fashion-MNIST");
        assertTrue(e.getMessage().contains("3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
                e.getMessage());
    }
}
