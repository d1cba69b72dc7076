package org.isrepro.datasets.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.isrepro.datasets.DatasetException;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file so that nothing half-written can ever look valid: the bytes go to a temporary
 * file in the target's directory, are checked (length, SHA-256 or the publisher's MD5), and only
 * then renamed atomically to the final name. Any failure deletes the temporary file.
 */
public final class Downloader {
    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    static final int CONNECT_TIMEOUT_MS = 15_000;
    static final int READ_TIMEOUT_MS = 60_000;

    private Downloader() {}

    /**
     * Downloads {@code file} to {@code target} (its URL may be http(s) or file). Throws
     * DOWNLOAD_FAILED (with the manual-download instructions) or CHECKSUM_MISMATCH.
     */
    public static void download(String dataset, RemoteFile file, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
            LOG.info("{}: downloading {} to {}", dataset, file.url(), target);
            MessageDigest sha = Sha256.newDigest();
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            long expectedLength;
            long got = 0;
            URLConnection conn = new URL(file.url()).openConnection();
            conn.setConnectTimeout(CONNECT_TIMEOUT_MS);
            conn.setReadTimeout(READ_TIMEOUT_MS);
            if (conn instanceof HttpURLConnection http) {
                int code = http.getResponseCode();
                if (code != 200) {
                    throw new IOException("HTTP " + code + " " + http.getResponseMessage());
                }
            }
            expectedLength = conn.getContentLengthLong();
            try (InputStream in = conn.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    sha.update(buf, 0, n);
                    md5.update(buf, 0, n);
                    got += n;
                }
            }
            if (expectedLength >= 0 && got != expectedLength) {
                throw new IOException("connection closed after " + got + " of " + expectedLength + " bytes");
            }
            String gotSha = Sha256.hex(sha.digest());
            String gotMd5 = Sha256.hex(md5.digest());
            boolean ok = file.sha256() != null ? file.sha256().equals(gotSha)
                    : file.md5() == null || file.md5().equals(gotMd5);
            if (!ok) {
                throw new DatasetException(Kind.CHECKSUM_MISMATCH, String.format(
                        "%s: the download of %s (%d bytes) has SHA-256 %s / MD5 %s, expected %s. It was"
                                + " discarded; nothing was written to %s. Retry, or download it by hand and check"
                                + " it.", dataset, file.url(), got, gotSha, gotMd5, file.checksumDescription(),
                        target));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            tmp = null;
            if (file.sha256() == null) {
                LOG.warn("{}: {} has no published SHA-256; its SHA-256 is {}", dataset,
                        file.fileName(), gotSha);
            }
        } catch (IOException e) {
            throw new DatasetException(Kind.DOWNLOAD_FAILED,
                    "Dataset " + dataset + ": download failed (" + e + ").\n" + manualInstructions(file,
                            target), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.warn("could not delete {}: {}", tmp, e.toString());
                }
            }
        }
    }

    /** What to do by hand: the URL, the file name, its checksum and size, where to put it. */
    public static String manualInstructions(RemoteFile file, Path target) {
        return "  URL:      " + file.url() + "\n"
                + "  file:     " + file.fileName() + " (" + file.checksumDescription() + ", "
                + file.sizeDescription() + ")\n"
                + "  put it at " + target + "\n"
                + "  (download it on a machine with internet access, e.g. `curl -fLo " + file.fileName()
                + " " + file.url() + "`, check it with `sha256sum`, and copy it there)";
    }
}
