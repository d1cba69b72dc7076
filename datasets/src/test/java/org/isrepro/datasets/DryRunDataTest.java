package org.isrepro.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.synthetic.SyntheticData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic dry-run data go through the real loaders, verified against their manifest only in dry-run mode. */
@Tag("fast")
class DryRunDataTest {
    private static final SyntheticData.Sizes SMALL = new SyntheticData.Sizes(20, 10, 30, 10, 1, 1, false);

    @TempDir
    static Path base;
    private static Path root;

    @BeforeAll
    static void generate() {
        root = base.resolve("data");
        SyntheticData.write(root, SMALL, 7L);
    }

    @AfterEach
    void leaveDryRunMode() {
        System.clearProperty(DryRun.PROPERTY);
    }

    private static DataDirectory dd() {
        return DataDirectory.of(root).offline(true);
    }

    @Test
    void syntheticFilesLoadThroughTheRealLoadersInDryRunMode() {
        System.setProperty(DryRun.PROPERTY, "2");
        assertEquals(5 * 20, Datasets.cifar10(dd(), Split.TRAIN).size());
        assertEquals(10, Datasets.cifar10(dd(), Split.TEST).size());
        assertEquals(100, Datasets.cifar100(dd(), Split.TRAIN, false).numClasses());
        assertEquals(5 * 20, Datasets.cifar100(dd(), Split.TRAIN, false).size());
        assertEquals(30, Datasets.mnist(dd(), Split.TRAIN).size());
        assertEquals(10, Datasets.mnist(dd(), Split.TEST).size());
        var mit = Datasets.mit67(dd(), Split.TRAIN);
        assertEquals(67, mit.numClasses());
        assertEquals(67, mit.size());
        assertEquals(3 * 224 * 224, mit.get(new int[] {0}).getFeatures().length());
    }

    @Test
    void withoutDryRunModeTheSyntheticFilesFailThePublishedChecksums() {
        Path fresh = base.resolve("real");
        SyntheticData.write(fresh, SMALL, 8L);
        DatasetException cifar = assertThrows(DatasetException.class,
                () -> Datasets.cifar10(DataDirectory.of(fresh).offline(true), Split.TRAIN));
        assertEquals(Kind.CHECKSUM_MISMATCH, cifar.kind());
        DatasetException mnist = assertThrows(DatasetException.class,
                () -> Datasets.mnist(DataDirectory.of(fresh).offline(true), Split.TRAIN));
        assertEquals(Kind.CHECKSUM_MISMATCH, mnist.kind());
    }

    @Test
    void aFileChangedAfterGenerationFailsInDryRunMode() throws Exception {
        Path copy = base.resolve("changed");
        SyntheticData.write(copy, SMALL, 9L);
        Path labels = copy.resolve("mnist/t10k-labels-idx1-ubyte.gz");
        byte[] b = Files.readAllBytes(labels);
        b[b.length - 1] ^= 1;
        Files.write(labels, b);
        System.setProperty(DryRun.PROPERTY, "2");
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.mnist(DataDirectory.of(copy).offline(true), Split.TEST));
        assertEquals(Kind.CHECKSUM_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains("dry-run manifest"), e.getMessage());
    }

    @Test
    void dryRunModeWithoutAManifestFailsNamingTheFix(@TempDir Path empty) throws Exception {
        Files.createDirectories(empty.resolve("mnist"));
        Files.copy(root.resolve("mnist/train-images-idx3-ubyte.gz"), empty.resolve("mnist/train-images-idx3-ubyte.gz"));
        Files.copy(root.resolve("mnist/train-labels-idx1-ubyte.gz"), empty.resolve("mnist/train-labels-idx1-ubyte.gz"));
        System.setProperty(DryRun.PROPERTY, "2");
        DatasetException e = assertThrows(DatasetException.class,
                () -> Datasets.mnist(DataDirectory.of(empty).offline(true), Split.TRAIN));
        assertEquals(Kind.MISSING, e.kind());
        assertTrue(e.getMessage().contains(DryRun.MANIFEST) && e.getMessage().contains("make dry-run"),
                e.getMessage());
    }

    @Test
    void badIterationCountIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DryRun.iterations("-3"));
        assertThrows(IllegalArgumentException.class, () -> DryRun.iterations("two"));
        assertTrue(DryRun.iterations("0").isEmpty());
        assertEquals(4, DryRun.iterations("4").getAsInt());
    }
}
