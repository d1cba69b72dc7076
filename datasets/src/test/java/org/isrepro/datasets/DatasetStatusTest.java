package org.isrepro.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.isrepro.datasets.DatasetStatus.Row;
import org.isrepro.datasets.DatasetStatus.State;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("fast")
class DatasetStatusTest {
    @TempDir Path tmp;

    @Test
    void emptyDataDirectoryReportsMissingWithWhereFromAndPrintsATable() {
        DataDirectory dd = DataDirectory.of(tmp);
        Row mnist = DatasetStatus.idx(Catalog.MNIST_FILES, dd);
        assertEquals(State.MISSING, mnist.state());
        assertEquals(tmp.resolve("mnist").toString(), mnist.path());
        assertEquals(State.MISSING, DatasetStatus.cifar(Catalog.CIFAR10_FILES, dd).state());
        assertEquals(State.MISSING, DatasetStatus.npm(dd).state());
        assertEquals(State.MISSING, DatasetStatus.mit67(dd).state());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DatasetStatus.print(dd, java.util.List.of(mnist), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("mnist") && out.contains("missing") && out.contains(tmp.toString()), out);
    }

    @Test
    void fixtureInPlaceOfRealMnistIsCorrupt() {
        Fixtures.idxSet(tmp.resolve("mnist"), 10, 10);
        Row r = DatasetStatus.idx(Catalog.MNIST_FILES, DataDirectory.of(tmp));
        assertEquals(State.CORRUPT, r.state());
        assertTrue(r.detail().startsWith("CHECKSUM_MISMATCH"), r.detail());
        assertTrue(r.bytes() > 0);
    }

    @Test
    void truncatedCifarArchiveIsCorrupt() {
        Fixtures.write(tmp.resolve("cifar-100/cifar-100-binary.tar.gz"), new byte[] {0x1f, (byte) 0x8b});
        Row r = DatasetStatus.cifar(Catalog.cifar100Files(false), DataDirectory.of(tmp));
        assertEquals(State.CORRUPT, r.state());
        assertEquals(2, r.bytes());
    }

    @Test
    void mit67TreeIsPresentWhenEveryListedImageExists() throws Exception {
        Fixtures.mit67Tree(tmp.resolve("mit67"));
        Row r = DatasetStatus.mit67(DataDirectory.of(tmp));
        assertEquals(State.PRESENT, r.state(), r.detail());
        assertTrue(r.detail().contains("9 train / 3 test"), r.detail());
        Files.delete(tmp.resolve("mit67/Images/a_room/img0.jpg"));
        Row broken = DatasetStatus.mit67(DataDirectory.of(tmp));
        assertEquals(State.CORRUPT, broken.state());
        assertTrue(broken.detail().startsWith("LISTED_IMAGE_ABSENT"), broken.detail());
    }

    @Test
    void humanSizesAreReadable() {
        assertEquals("512 B", DatasetStatus.human(512));
        assertEquals("29.4 MiB", DatasetStatus.human(30_800_000L));
        assertEquals("1.0 GiB", DatasetStatus.human(1L << 30));
    }
}
