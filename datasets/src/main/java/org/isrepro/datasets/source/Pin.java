package org.isrepro.datasets.source;

import java.util.Set;
import org.isrepro.datasets.DatasetException;
import org.isrepro.datasets.DatasetException.Kind;

/**
 * The known-good identity of one source file: the SHA-256 of its decompressed content, and the
 * SHA-256s of the stored files known to carry it (upstream .gz, Debian's recompressed .gz). A file
 * matches when either is equal, so gunzipped and recompressed copies are accepted and anything else
 * is reported as corrupt.
 */
public record Pin(String fileName, String payloadSha256, Set<String> fileSha256s) {
    public Pin {
        fileSha256s = Set.copyOf(fileSha256s);
    }

    public boolean matches(String payloadSha, String fileSha) {
        return payloadSha256.equals(payloadSha) || fileSha256s.contains(fileSha);
    }

    /** Throws CHECKSUM_MISMATCH naming the file, both checksums and what to do. */
    public void verify(String dataset, Object location, String payloadSha, String fileSha) {
        if (!matches(payloadSha, fileSha)) {
            throw new DatasetException(Kind.CHECKSUM_MISMATCH, String.format(
                    "%s: %s has SHA-256 %s (decompressed content %s), but the published file has SHA-256 %s"
                            + " (decompressed content %s). The file is corrupt or a different version: delete it"
                            + " and download it again.",
                    dataset, location, fileSha, payloadSha, String.join(" or ", fileSha256s),
                    payloadSha256));
        }
    }
}
