package org.isrepro.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.source.Mit67Dataset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

@Tag("fast")
class Mit67Test {
    @TempDir Path tmp;

    @Test
    void treeWithSplitListsLoadsResizedBgrMeanSubtractedImages() throws Exception {
        Fixtures.mit67Tree(tmp);
        Mit67Dataset train = new Mit67Dataset(tmp, Split.TRAIN, 32);
        Mit67Dataset test = new Mit67Dataset(tmp, Split.TEST, 32);
        assertEquals(List.of("a_room", "b_room", "c_room"), train.classes());
        assertEquals(9, train.size());
        assertEquals(3, test.size());
        assertEquals(3, train.numClasses());
        assertArrayEquals(new int[] {0, 1, 2}, new int[] {test.label(0), test.label(1), test.label(2)});
        INDArray f = train.get(new int[] {0}).getFeatures(); // a_room: red (200, 30, 30)
        assertArrayEquals(new long[] {1, 3, 32, 32}, f.shape());
        // channel 0 is blue, 2 is red; JPEG is lossy, so allow a few levels
        assertEquals(30 - 103.939, f.getDouble(0, 0, 16, 16), 6);
        assertEquals(30 - 116.779, f.getDouble(0, 1, 16, 16), 6);
        assertEquals(200 - 123.68, f.getDouble(0, 2, 16, 16), 6);
        assertEquals(64, train.checksum().length());
        assertEquals(train.checksum(), train.checksum());
    }

    @Test
    void dataDirectoryCopyGivesTheResNet50InputSize() {
        Fixtures.mit67Tree(tmp.resolve("mit67"));
        Mit67Dataset test = Datasets.mit67(DataDirectory.of(tmp).offline(true), Split.TEST);
        assertArrayEquals(new long[] {3, 224, 224}, test.sampleShape());
        assertArrayEquals(new long[] {2, 3, 224, 224},
                test.get(new int[] {1, 1}).getFeatures().shape());
    }

    @Test
    void missingSplitFileIsReportedWithWhereToGetIt() throws Exception {
        Fixtures.mit67Tree(tmp);
        Files.delete(tmp.resolve("TestImages.txt"));
        DatasetException e = assertThrows(DatasetException.class,
                () -> new Mit67Dataset(tmp, Split.TEST, 32));
        assertEquals(Kind.MISSING_SPLIT_FILE, e.kind());
        assertTrue(e.getMessage().contains("http://web.mit.edu/torralba/www/TestImages.txt"),
                e.getMessage());
    }

    @Test
    void imageListedButAbsentIsReported() throws Exception {
        Fixtures.mit67Tree(tmp);
        Files.delete(tmp.resolve("Images/b_room/img1.jpg"));
        DatasetException e = assertThrows(DatasetException.class,
                () -> new Mit67Dataset(tmp, Split.TRAIN, 32));
        assertEquals(Kind.LISTED_IMAGE_ABSENT, e.kind());
        assertTrue(e.getMessage().contains("b_room/img1.jpg"), e.getMessage());
    }

    @Test
    void undecodableImageIsReportedByName() throws Exception {
        Fixtures.mit67Tree(tmp);
        Files.write(tmp.resolve("Images/c_room/img3.jpg"), "not a jpeg".getBytes(StandardCharsets.UTF_8));
        Mit67Dataset test = new Mit67Dataset(tmp, Split.TEST, 32);
        DatasetException e = assertThrows(DatasetException.class, () -> test.get(new int[] {2}));
        assertEquals(Kind.UNREADABLE_IMAGE, e.kind());
        assertTrue(e.getMessage().contains("img3.jpg"), e.getMessage());
    }
}
