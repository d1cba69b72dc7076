package org.isrepro.datasets;

/**
 * A dataset could not be used, with a message that says what was wrong and what to do. Each kind of
 * corruption has its own {@link Kind} so that callers and tests can tell them apart.
 */
public final class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** A required file or directory is not there (and no download was possible or allowed). */
        MISSING,
        /** A download failed (offline, unreachable, interrupted); nothing was left behind. */
        DOWNLOAD_FAILED,
        /** A file ends before its header says it should. */
        TRUNCATED,
        /** A file is longer than its header says (trailing bytes). */
        SIZE_MISMATCH,
        /** An idx file does not start with the expected magic number. */
        BAD_MAGIC,
        /** Header dimensions disagree with what the dataset must be (e.g. 28x28, or counts differ). */
        BAD_DIMENSIONS,
        /** A label is outside {@code [0, numClasses)}. */
        LABEL_OUT_OF_RANGE,
        /** A pixel value is outside its documented range. */
        VALUE_OUT_OF_RANGE,
        /** A file's SHA-256 (or other published checksum) differs from the published one. */
        CHECKSUM_MISMATCH,
        /** MIT67's TrainImages.txt / TestImages.txt is absent. */
        MISSING_SPLIT_FILE,
        /** A split file lists an image that is not in the Images tree. */
        LISTED_IMAGE_ABSENT,
        /** An image file exists but cannot be decoded. */
        UNREADABLE_IMAGE,
        /** A file is syntactically broken (e.g. JSON that does not parse). */
        MALFORMED
    }

    private final Kind kind;

    public DatasetException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public DatasetException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "DatasetException[" + kind + "]: " + getMessage();
    }
}
