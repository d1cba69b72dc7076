package org.isrepro.datasets.source;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.isrepro.datasets.DatasetException;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.Sha256;

/**
 * One idx file (LeCun's MNIST format: big-endian magic {@code 0x0000 08 ND}, ND big-endian int
 * dimensions, then unsigned bytes), gzipped or not (detected from the content, not the name).
 *
 * @param dims the dimensions from the header
 * @param data the payload bytes
 * @param payloadSha256 SHA-256 of the decompressed file (header + payload): the same for the
 *     upstream .gz, a recompressed .gz and a gunzipped copy
 * @param fileSha256 SHA-256 of the file as stored
 */
public record IdxFile(int[] dims, byte[] data, String payloadSha256, String fileSha256) {
    /** Type code 0x08: unsigned byte. */
    private static final int UBYTE = 0x08;

    /** Reads {@code file}, requiring an unsigned-byte idx file with {@code expectedDims} dimensions. */
    public static IdxFile read(Path file, int expectedDims) {
        MessageDigest fileMd = Sha256.newDigest();
        MessageDigest payloadMd = Sha256.newDigest();
        try (InputStream raw = Files.newInputStream(file);
                BufferedInputStream buffered =
                        new BufferedInputStream(new DigestInputStream(raw, fileMd), 1 << 16)) {
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            InputStream content = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            DataInputStream in =
                    new DataInputStream(new BufferedInputStream(new DigestInputStream(content, payloadMd)));
            int magic;
            try {
                magic = in.readInt();
            } catch (EOFException e) {
                throw new DatasetException(Kind.TRUNCATED,
                        file + ": ends before the 4-byte idx magic number. The file is truncated: delete it and"
                                + " download it again.");
            }
            int expectedMagic = (UBYTE << 8) | expectedDims;
            if (magic != expectedMagic) {
                throw new DatasetException(Kind.BAD_MAGIC, String.format(
                        "%s: magic number 0x%08X, expected 0x%08X (idx, unsigned bytes, %d dimension%s). "
                                + "This is not the idx%d file expected here (images and labels swapped, or not an"
                                + " idx file at all): replace it with the right file.",
                        file, magic, expectedMagic, expectedDims, expectedDims == 1 ? "" : "s", expectedDims));
            }
            int[] dims = new int[expectedDims];
            long total = 1;
            try {
                for (int i = 0; i < expectedDims; i++) {
                    dims[i] = in.readInt();
                    if (dims[i] <= 0) {
                        throw new DatasetException(Kind.BAD_DIMENSIONS,
                                file + ": dimension " + i + " is " + dims[i] + " in the idx header");
                    }
                    total *= dims[i];
                }
            } catch (EOFException e) {
                throw new DatasetException(Kind.TRUNCATED, file + ": ends inside the idx header."
                        + " The file is truncated: delete it and download it again.");
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new DatasetException(Kind.BAD_DIMENSIONS,
                        file + ": header dimensions " + Arrays.toString(dims) + " are implausibly large");
            }
            byte[] data = new byte[(int) total];
            int got = readFully(in, data);
            if (got < data.length) {
                throw new DatasetException(Kind.TRUNCATED, String.format(
                        "%s: the header promises %d values %s but the file holds only %d. The file is truncated"
                                + " (an interrupted download or copy): delete it and download it again.",
                        file, total, Arrays.toString(dims), got));
            }
            if (in.read() != -1) {
                throw new DatasetException(Kind.SIZE_MISMATCH, String.format(
                        "%s: bytes follow the %d values that the header %s declares. The file is not a clean"
                                + " idx file: replace it with the original.", file, total, Arrays.toString(dims)));
            }
            byte[] drain = new byte[1 << 16];
            while (buffered.read(drain) >= 0) {
                // consume the rest (gzip trailer) so that the file digest covers every byte
            }
            return new IdxFile(dims, data, Sha256.hex(payloadMd.digest()), Sha256.hex(fileMd.digest()));
        } catch (NoSuchFileException e) {
            throw new DatasetException(Kind.MISSING, file + ": no such file", e);
        } catch (EOFException | ZipException e) {
            throw new DatasetException(Kind.TRUNCATED, file + ": the gzip stream ends early or is damaged ("
                    + e.getMessage() + "). The file is truncated or corrupt: delete it and download it again.",
                    e);
        } catch (IOException e) {
            throw new DatasetException(Kind.MALFORMED, file + ": cannot be read: " + e, e);
        }
    }

    /** Reads until {@code buf} is full or the stream ends; returns the count read. */
    static int readFully(InputStream in, byte[] buf) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off;
    }
}
