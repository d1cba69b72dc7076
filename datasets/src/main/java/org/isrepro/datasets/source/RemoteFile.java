package org.isrepro.datasets.source;

import java.util.Locale;

/**
 * A file published at a canonical URL, with what is known to verify it. {@code sha256} is null
 * only when no SHA-256 could be established (then {@code md5}, the publisher's own checksum, is
 * used; if both are null the file is unverifiable and says so).
 *
 * @param bytes the published size, or -1 when unknown
 */
public record RemoteFile(String fileName, String url, String sha256, String md5, long bytes) {
    public RemoteFile {
        sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        md5 = md5 == null ? null : md5.toLowerCase(Locale.ROOT);
    }

    /** "SHA-256 abc..." / "MD5 abc... (publisher's; no SHA-256 published)" / "no published checksum". */
    public String checksumDescription() {
        if (sha256 != null) {
            return "SHA-256 " + sha256 + (md5 != null ? ", MD5 " + md5 : "");
        }
        if (md5 != null) {
            return "MD5 " + md5 + " (the publisher's; no SHA-256 is published)";
        }
        return "no published checksum (verified by structure only)";
    }

    public String sizeDescription() {
        return bytes < 0 ? "size unknown" : bytes + " bytes";
    }
}
