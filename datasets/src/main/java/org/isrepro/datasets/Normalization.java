package org.isrepro.datasets;

import java.util.Arrays;

/**
 * How raw pixel values become features: {@code (raw / rawMax - mean[c]) / std[c]} per channel.
 *
 * @param rawMax the value of a white raw pixel (255 for bytes, 1 for the npm subset's floats)
 * @param mean per-channel mean in [0, 1] units
 * @param std per-channel standard deviation in [0, 1] units
 */
public record Normalization(float rawMax, float[] mean, float[] std) {
    /** MNIST family: features in [0, 1]. */
    public static Normalization unitRange(float rawMax) {
        return new Normalization(rawMax, new float[] {0f}, new float[] {1f});
    }

    public Normalization {
        if (mean.length != std.length) {
            throw new IllegalArgumentException("mean and std differ in length");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Channel count this normalisation is for (1 means "same for every channel"). */
    public int channels() {
        return mean.length;
    }

    public float apply(int channel, float raw) {
        int c = mean.length == 1 ? 0 : channel;
        return (raw / rawMax - mean[c]) / std[c];
    }

    /** The feature value of a black (raw zero) pixel in each of {@code channels} channels: what padding adds. */
    public float[] black(int channels) {
        float[] out = new float[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = apply(c, 0f);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Normalization[rawMax=" + rawMax + ", mean=" + Arrays.toString(mean) + ", std="
                + Arrays.toString(std) + "]";
    }
}
