package org.isrepro.datasets.view;

import org.isrepro.datasets.IndexedDataset;

/** Images shrunk 2x by averaging 2x2 blocks (28x28 to 14x14 for 196-step pixel sequences). */
public final class Downsample extends TransformedView {
    private final int c;
    private final int h;
    private final int w;

    private Downsample(IndexedDataset parent) {
        super(parent, "downsample 2x");
        int[] s = chw(parent);
        c = s[0];
        h = s[1];
        w = s[2];
        if (h % 2 != 0 || w % 2 != 0) {
            throw new IllegalArgumentException("2x downsampling needs even sizes, got " + h + "x" + w);
        }
    }

    public static Downsample by2(IndexedDataset parent) {
        return new Downsample(parent);
    }

    @Override
    public long[] sampleShape() {
        return new long[] {c, h / 2, w / 2};
    }

    @Override
    protected void transform(int index, float[] src, int srcOff, float[] dst, int dstOff) {
        int oh = h / 2;
        int ow = w / 2;
        for (int ch = 0; ch < c; ch++) {
            int s = srcOff + ch * h * w;
            int d = dstOff + ch * oh * ow;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int p = s + 2 * y * w + 2 * x;
                    dst[d + y * ow + x] = 0.25f * (src[p] + src[p + 1] + src[p + w] + src[p + w + 1]);
                }
            }
        }
    }
}
