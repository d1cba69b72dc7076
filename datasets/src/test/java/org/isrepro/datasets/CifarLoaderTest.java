package org.isrepro.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.source.Archives;
import org.isrepro.datasets.source.CifarFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

@Tag("fast")
class CifarLoaderTest {
    @TempDir Path tmp;

    private static float norm(Normalization n, int c, int raw) {
        return (raw / 255f - n.mean()[c]) / n.std()[c];
    }

    @Test
    void cifar10RecordsRoundTripWithChannelPlanesAndNormalisation() {
        Path a = Fixtures.write(tmp.resolve("data_batch_1.bin"), Fixtures.cifarRecords(new int[] {6, 9}, null));
        Path b = Fixtures.write(tmp.resolve("data_batch_2.bin"), Fixtures.cifarRecords(new int[] {0}, null));
        Normalization n = Catalog.CIFAR10_NORMALIZATION;
        ImageDataset ds = CifarFormat.load("c10", List.of(a, b), CifarFormat.Variant.CIFAR10, n);
        assertEquals(3, ds.size());
        assertEquals(10, ds.numClasses());
        assertArrayEquals(new long[] {3, 32, 32}, ds.sampleShape());
        assertEquals(9, ds.label(1));
        assertEquals(0, ds.label(2), "records of the second file follow the first");
        DataSet d = ds.get(new int[] {1});
        for (int c = 0; c < 3; c++) {
            assertEquals(norm(n, c, Fixtures.cifarPixel(1, c, 7, 30)),
                    d.getFeatures().getFloat(0, c, 7, 30), 1e-5);
        }
        assertEquals(1f, d.getLabels().getFloat(0, 9));
    }

    @Test
    void cifar100GivesFineOrCoarseLabels() {
        Path f = Fixtures.write(tmp.resolve("train.bin"),
                Fixtures.cifarRecords(new int[] {99, 5, 42}, new int[] {19, 0, 7}));
        ImageDataset fine = CifarFormat.load("c100", List.of(f), CifarFormat.Variant.CIFAR100_FINE,
                Catalog.CIFAR100_NORMALIZATION);
        ImageDataset coarse = CifarFormat.load("c100c", List.of(f),
                CifarFormat.Variant.CIFAR100_COARSE, Catalog.CIFAR100_NORMALIZATION);
        assertEquals(100, fine.numClasses());
        assertEquals(20, coarse.numClasses());
        assertArrayEquals(new int[] {99, 5, 42}, new int[] {fine.label(0), fine.label(1), fine.label(2)});
        assertArrayEquals(new int[] {19, 0, 7},
                new int[] {coarse.label(0), coarse.label(1), coarse.label(2)});
        assertEquals(fine.get(new int[] {2}).getFeatures(), coarse.get(new int[] {2}).getFeatures());
    }

    @Test
    void partialRecordIsReportedAsTruncated() {
        byte[] rec = Fixtures.cifarRecords(new int[] {1, 2}, null);
        Path f = Fixtures.write(tmp.resolve("b.bin"), Arrays.copyOf(rec, rec.length - 1));
        DatasetException e = assertThrows(DatasetException.class, () -> CifarFormat.load("c10",
                List.of(f), CifarFormat.Variant.CIFAR10, Catalog.CIFAR10_NORMALIZATION));
        assertEquals(Kind.TRUNCATED, e.kind());
        assertTrue(e.getMessage().contains("3073"), e.getMessage());
    }

    @Test
    void cifar10LabelOutOfRangeIsReported() {
        Path f = Fixtures.write(tmp.resolve("b.bin"), Fixtures.cifarRecords(new int[] {1, 10}, null));
        assertEquals(Kind.LABEL_OUT_OF_RANGE, assertThrows(DatasetException.class,
                () -> CifarFormat.load("c10", List.of(f), CifarFormat.Variant.CIFAR10,
                        Catalog.CIFAR10_NORMALIZATION)).kind());
    }

    @Test
    void cifar100CoarseLabelOutOfRangeIsReportedEvenWhenUsingFineLabels() {
        Path f = Fixtures.write(tmp.resolve("t.bin"),
                Fixtures.cifarRecords(new int[] {3}, new int[] {20}));
        DatasetException e = assertThrows(DatasetException.class, () -> CifarFormat.load("c100",
                List.of(f), CifarFormat.Variant.CIFAR100_FINE, Catalog.CIFAR100_NORMALIZATION));
        assertEquals(Kind.LABEL_OUT_OF_RANGE, e.kind());
        assertTrue(e.getMessage().contains("coarse"), e.getMessage());
    }

    @Test
    void extractedBatchesInTheDataDirectoryAreLoadedWithoutTheArchive() {
        Path dir = tmp.resolve("cifar-10/cifar-10-batches-bin");
        for (int k = 1; k <= 5; k++) {
            Fixtures.write(dir.resolve("data_batch_" + k + ".bin"),
                    Fixtures.cifarRecords(new int[] {k, k + 1}, null));
        }
        Fixtures.write(dir.resolve("test_batch.bin"), Fixtures.cifarRecords(new int[] {7}, null));
        DataDirectory dd = DataDirectory.of(tmp).offline(true);
        assertEquals(10, Datasets.cifar10(dd, Split.TRAIN).size());
        assertEquals(7, Datasets.cifar10(dd, Split.TEST).label(0));
    }

    @Test
    void archiveThatFailsItsChecksumIsRejectedAndNothingIsExtracted() {
        byte[] tgz = Fixtures.tar(List.of("cifar-10-batches-bin/test_batch.bin"),
                List.of(Fixtures.cifarRecords(new int[] {1}, null)), true);
        Fixtures.write(tmp.resolve("cifar-10/cifar-10-binary.tar.gz"), tgz);
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.cifar10(DataDirectory.of(tmp).offline(true), Split.TEST));
        assertEquals(Kind.CHECKSUM_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains(Catalog.CIFAR10_FILES.archive().sha256()), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("cifar-10/cifar-10-batches-bin")));
    }

    @Test
    void tarGzArchiveExtractsIntoPlaceAndATruncatedOneLeavesNothing() {
        List<String> names = List.of("top/a.bin", "top/sub/b.bin");
        List<byte[]> contents = List.of(new byte[] {1, 2, 3}, new byte[5000]);
        Path good = Fixtures.write(tmp.resolve("good.tar.gz"), Fixtures.tar(names, contents, true));
        Path out = tmp.resolve("out");
        Archives.extract("fixture", good, out);
        assertTrue(Files.isRegularFile(out.resolve("top/sub/b.bin")));
        byte[] tgz = Fixtures.tar(names, contents, true);
        Path cut = Fixtures.write(tmp.resolve("cut.tar.gz"), Arrays.copyOf(tgz, tgz.length / 2));
        Path out2 = tmp.resolve("out2");
        DatasetException e = assertThrows(DatasetException.class,
                () -> Archives.extract("fixture", cut, out2));
        assertEquals(Kind.TRUNCATED, e.kind());
        assertEquals(List.of(), Fixtures.filesUnder(out2), "no half-extracted files");
    }
}
