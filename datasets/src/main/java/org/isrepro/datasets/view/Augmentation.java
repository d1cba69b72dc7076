package org.isrepro.datasets.view;

/**
 * One draw of the standard CIFAR augmentation: zero-pad by {@code pad} pixels, crop the original
 * size at offset (dy, dx) in {@code [0, 2 pad]}, then mirror horizontally if {@code flip}. Draws
 * are a pure function of (seed, key1, key2) (a SplitMix64 hash, no shared RNG state), so any sample
 * can be regenerated in any order.
 */
public record Augmentation(int dy, int dx, boolean flip, int pad) {
    /** The identity: offset (pad, pad), no flip. */
    public static Augmentation identity(int pad) {
        return new Augmentation(pad, pad, false, pad);
    }

    /** The draw for (seed, key1, key2), e.g. (seed, sample index, epoch). */
    public static Augmentation draw(long seed, long key1, long key2, int pad) {
        long h = mix(seed + 0x9E3779B97F4A7C15L * (key1 + 1));
        h = mix(h ^ (0xC2B2AE3D27D4EB4FL * (key2 + 1)));
        int span = 2 * pad + 1;
        int dy = (int) Long.remainderUnsigned(h, span);
        long h2 = mix(h);
        int dx = (int) Long.remainderUnsigned(h2, span);
        boolean flip = (mix(h2) & 1L) == 1L;
        return new Augmentation(dy, dx, flip, pad);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Applies this draw to one {@code [c, h, w]} sample; pixels from the padding take {@code fill[c]}
     * (the feature value of a black pixel).
     */
    public void apply(float[] src, int srcOff, int c, int h, int w, float[] fill, float[] dst,
            int dstOff) {
        for (int ch = 0; ch < c; ch++) {
            int s = srcOff + ch * h * w;
            int d = dstOff + ch * h * w;
            for (int y = 0; y < h; y++) {
                int sy = y + dy - pad;
                for (int x = 0; x < w; x++) {
                    int cx = flip ? w - 1 - x : x;
                    int sx = cx + dx - pad;
                    dst[d + y * w + x] = sy >= 0 && sy < h && sx >= 0 && sx < w ? src[s + sy * w + sx]
                            : fill[ch];
                }
            }
        }
    }
}
