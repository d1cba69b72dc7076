package org.isrepro.datasets.view;

import org.isrepro.datasets.IndexedDataset;

/**
 * Images padded to {@code height x width}, centred, with a constant per-channel fill (e.g.
 * Fashion-MNIST 28x28 to 32x32 for a small WRN stand-in; fill 0 is black for [0, 1] features).
 */
public final class Pad extends TransformedView {
    private final int c;
    private final int h;
    private final int w;
    private final int outH;
    private final int outW;
    private final int top;
    private final int left;
    private final float[] fill;

    private Pad(IndexedDataset parent, int outH, int outW, float[] fill) {
        super(parent, "pad " + outH + "x" + outW);
        int[] s = chw(parent);
        c = s[0];
        h = s[1];
        w = s[2];
        if (outH < h || outW < w) {
            throw new IllegalArgumentException("cannot pad " + h + "x" + w + " to " + outH + "x" + outW);
        }
        this.outH = outH;
        this.outW = outW;
        this.top = (outH - h) / 2;
        this.left = (outW - w) / 2;
        this.fill = new float[c];
        if (fill.length == 1) {
            java.util.Arrays.fill(this.fill, fill[0]);
        } else if (fill.length == c) {
            System.arraycopy(fill, 0, this.fill, 0, c);
        } else {
            throw new IllegalArgumentException("fill needs 1 or " + c + " values");
        }
    }

    /** Zero-padded (black for MNIST-family [0, 1] features). */
    public static Pad to(IndexedDataset parent, int height, int width) {
        return new Pad(parent, height, width, new float[] {0f});
    }

    /** Padded with a per-channel feature value (e.g. {@code Normalization.black(c)}). */
    public static Pad to(IndexedDataset parent, int height, int width, float[] fill) {
        return new Pad(parent, height, width, fill);
    }

    @Override
    public long[] sampleShape() {
        return new long[] {c, outH, outW};
    }

    @Override
    protected void transform(int index, float[] src, int srcOff, float[] dst, int dstOff) {
        for (int ch = 0; ch < c; ch++) {
            int o = dstOff + ch * outH * outW;
            java.util.Arrays.fill(dst, o, o + outH * outW, fill[ch]);
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, srcOff + (ch * h + y) * w, dst, o + (y + top) * outW + left, w);
            }
        }
    }
}
