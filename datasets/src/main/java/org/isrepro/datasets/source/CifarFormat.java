package org.isrepro.datasets.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import org.isrepro.datasets.DatasetException;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.ImageDataset;
import org.isrepro.datasets.Normalization;
import org.isrepro.datasets.Sha256;

/**
 * The CIFAR binary distributions: CIFAR-10 records are 1 label byte + 3072 pixel bytes (1024 red,
 * 1024 green, 1024 blue, row-major 32x32); CIFAR-100 records are a coarse label byte, a fine label
 * byte, then the same 3072 pixel bytes.
 */
public final class CifarFormat {
    public static final int PIXELS = 3 * 32 * 32;
    public static final int CIFAR10_RECORD = 1 + PIXELS;
    public static final int CIFAR100_RECORD = 2 + PIXELS;

    /** Which label to use. */
    public enum Variant {
        CIFAR10(CIFAR10_RECORD, 10, 0),
        CIFAR100_FINE(CIFAR100_RECORD, 100, 1),
        CIFAR100_COARSE(CIFAR100_RECORD, 20, 0);

        final int recordBytes;
        final int numClasses;
        final int labelOffset;

        Variant(int recordBytes, int numClasses, int labelOffset) {
            this.recordBytes = recordBytes;
            this.numClasses = numClasses;
            this.labelOffset = labelOffset;
        }

        public int numClasses() {
            return numClasses;
        }

        public int recordBytes() {
            return recordBytes;
        }
    }

    private CifarFormat() {}

    /**
     * Loads the given batch files in order. A file whose length is not a whole number of records is
     * TRUNCATED; a label outside the variant's range is LABEL_OUT_OF_RANGE (for CIFAR-100 both the
     * coarse and the fine label are checked).
     */
    public static ImageDataset load(String name, List<Path> files, Variant variant,
            Normalization normalization) {
        long total = 0;
        for (Path f : files) {
            long size;
            try {
                size = Files.size(f);
            } catch (NoSuchFileException e) {
                throw new DatasetException(Kind.MISSING, name + ": " + f + " is missing", e);
            } catch (IOException e) {
                throw new DatasetException(Kind.MALFORMED, name + ": cannot read " + f + ": " + e, e);
            }
            if (size == 0 || size % variant.recordBytes != 0) {
                throw new DatasetException(Kind.TRUNCATED, String.format(
                        "%s: %s is %d bytes, not a whole number of %d-byte %s records (%d records and %d bytes"
                                + " over). The file is truncated or not a %s batch: extract it again from the"
                                + " verified archive.", name, f, size, variant.recordBytes, variant, size
                                / variant.recordBytes, size % variant.recordBytes, variant));
            }
            total += size / variant.recordBytes;
        }
        int n = Math.toIntExact(total);
        byte[] pixels = new byte[Math.multiplyExact(n, PIXELS)];
        int[] labels = new int[n];
        MessageDigest all = Sha256.newDigest();
        byte[] record = new byte[variant.recordBytes];
        int i = 0;
        for (Path f : files) {
            MessageDigest md = Sha256.newDigest();
            try (InputStream in = new java.io.BufferedInputStream(
                    new DigestInputStream(Files.newInputStream(f), md), 1 << 16)) {
                int got;
                while ((got = IdxFile.readFully(in, record)) == record.length) {
                    for (int k = 0; k < variant.recordBytes - PIXELS; k++) {
                        int l = record[k] & 0xff;
                        int limit = variant == Variant.CIFAR10 ? 10 : (k == 0 ? 20 : 100);
                        if (l >= limit) {
                            throw new DatasetException(Kind.LABEL_OUT_OF_RANGE, String.format(
                                    "%s: record %d of %s has %s label %d, outside [0, %d). The file is corrupt:"
                                            + " extract it again from the verified archive.", name, i, f,
                                    variant == Variant.CIFAR10 ? "the" : (k == 0 ? "coarse" : "fine"), l, limit));
                        }
                    }
                    labels[i] = record[variant.labelOffset] & 0xff;
                    System.arraycopy(record, variant.recordBytes - PIXELS, pixels, i * PIXELS, PIXELS);
                    i++;
                }
                if (got != 0) {
                    throw new DatasetException(Kind.TRUNCATED, name + ": " + f + " changed while reading");
                }
            } catch (IOException e) {
                throw new DatasetException(Kind.MALFORMED, name + ": cannot read " + f + ": " + e, e);
            }
            all.update((f.getFileName() + " " + Sha256.hex(md.digest()) + "\n").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return ImageDataset.ofBytes(name, 3, 32, 32, pixels, labels, variant.numClasses,
                normalization, Sha256.hex(all.digest()));
    }
}
