package org.isrepro.datasets.source;

import java.nio.file.Path;
import org.isrepro.datasets.DatasetException;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.ImageDataset;
import org.isrepro.datasets.Normalization;
import org.isrepro.datasets.Sha256;

/** MNIST-format datasets (MNIST, Fashion-MNIST): an idx3 image file and an idx1 label file. */
public final class IdxDatasets {
    private IdxDatasets() {}

    /**
     * Loads and validates an image/label pair: magic numbers, 28x28 (or any equal-size) images, equal
     * counts, labels in range, then the pinned checksums when given (null pins skip that check, as
     * for test fixtures). Pixels are scaled to [0, 1].
     */
    public static ImageDataset load(String name, Path images, Path labels, int numClasses,
            Pin imagesPin, Pin labelsPin) {
        IdxFile img = IdxFile.read(images, 3);
        IdxFile lbl = IdxFile.read(labels, 1);
        int n = img.dims()[0];
        if (lbl.dims()[0] != n) {
            throw new DatasetException(Kind.BAD_DIMENSIONS, String.format(
                    "%s: %s holds %d images but %s holds %d labels; the two files do not belong together.",
                    name, images, n, labels, lbl.dims()[0]));
        }
        int[] y = new int[n];
        byte[] raw = lbl.data();
        for (int i = 0; i < n; i++) {
            y[i] = raw[i] & 0xff;
            if (y[i] >= numClasses) {
                throw new DatasetException(Kind.LABEL_OUT_OF_RANGE, String.format(
                        "%s: label %d of sample %d in %s is outside [0, %d). The label file is corrupt:"
                                + " replace it with the original.", name, y[i], i, labels, numClasses));
            }
        }
        // pins last: a file that is truncated, mislabelled or mismatched is named for what is wrong with it,
        // not only for having another checksum
        if (imagesPin != null) {
            imagesPin.verify(name, images, img.payloadSha256(), img.fileSha256());
        }
        if (labelsPin != null) {
            labelsPin.verify(name, labels, lbl.payloadSha256(), lbl.fileSha256());
        }
        String checksum = Sha256.of("idx-images " + img.payloadSha256() + "\nidx-labels "
                + lbl.payloadSha256() + "\n");
        return ImageDataset.ofBytes(name, 1, img.dims()[1], img.dims()[2], img.data(), y, numClasses,
                Normalization.unitRange(255f), checksum);
    }
}
