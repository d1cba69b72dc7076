package org.isrepro.datasets.view;

import java.util.BitSet;
import org.isrepro.datasets.Batches;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.Sha256;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The paper's fixed pool of pre-augmented images (§4.2: 1.5M for CIFAR), without materialising
 * it: virtual index k shows base image {@code k mod N} under the augmentation drawn from (seed, k).
 * Every base image appears {@code P / N} times (plus one for the first {@code P mod N}), and index
 * k is the same image in every epoch, which history-based methods need.
 *
 * <p>A mirror is drawn only for classes whose mirror image is still of that class: all of CIFAR's and
 * Fashion-MNIST's, none of the digits' (a mirrored 2 or 7 is not a digit of the test set).
 */
public final class PreAugmentedPool implements IndexedDataset {
    public static final int PAPER_POOL_SIZE = 1_500_000;
    /** Separates pool draws from {@link AugmentedDataset}'s (seed, index, epoch) draws. */
    private static final long POOL_KEY = -1L;

    private final IndexedDataset parent;
    private final int poolSize;
    private final long seed;
    private final int pad;
    private final float[] fill;
    private final int c;
    private final int h;
    private final int w;
    private final BitSet mirrorable;
    private final String name;
    private final String checksum;

    private PreAugmentedPool(IndexedDataset parent, int poolSize, long seed, int pad, float[] fill,
            BitSet mirrorable) {
        int[] s = TransformedView.chw(parent);
        if (poolSize <= 0) {
            throw new IllegalArgumentException("pool size must be positive");
        }
        this.parent = parent;
        this.poolSize = poolSize;
        this.seed = seed;
        this.pad = pad;
        this.c = s[0];
        this.h = s[1];
        this.w = s[2];
        if (fill.length != c) {
            throw new IllegalArgumentException("fill needs one value per channel (" + c + ")");
        }
        if (pad < 0) {
            throw new IllegalArgumentException("padding must be non-negative, got " + pad);
        }
        this.fill = fill.clone();
        this.mirrorable = (BitSet) mirrorable.clone();
        boolean all = mirrorable.nextClearBit(0) >= parent.numClasses();
        this.name = parent.name() + "[pre-augmented pool " + poolSize + ", shifts " + pad + (all ? ", mirrors"
                : mirrorable.isEmpty() ? ", no mirrors" : ", mirrors of classes " + mirrorable) + ", seed " + seed + "]";
        // The original pool's checksum is kept for pad 4 with every class mirrorable (paper scale's records).
        this.checksum = Sha256.of(parent.checksum() + " pool " + poolSize + " " + pad + " " + seed
                + (all ? "" : " mirrors " + mirrorable));
    }

    /** The paper's recipe: shifts of up to {@link AugmentedDataset#DEFAULT_PAD} pixels, mirrors for every class. */
    public static PreAugmentedPool of(IndexedDataset parent, int poolSize, long seed, float[] fill) {
        return of(parent, poolSize, seed, AugmentedDataset.DEFAULT_PAD, fill, allClasses(parent));
    }

    /**
     * A pool with shifts of up to {@code pad} pixels and mirrors only for the classes in {@code mirrorable}
     * (e.g. none for digits).
     */
    public static PreAugmentedPool of(IndexedDataset parent, int poolSize, long seed, int pad, float[] fill,
            BitSet mirrorable) {
        return new PreAugmentedPool(parent, poolSize, seed, pad, fill, mirrorable);
    }

    /** Every class of {@code ds}: mirrors allowed throughout. */
    public static BitSet allClasses(IndexedDataset ds) {
        BitSet b = new BitSet();
        b.set(0, ds.numClasses());
        return b;
    }

    /** The paper's 1.5M-image pool. */
    public static PreAugmentedPool paper(IndexedDataset parent, long seed, float[] fill) {
        return of(parent, PAPER_POOL_SIZE, seed, fill);
    }

    public int baseIndex(int k) {
        Batches.checkIndex(this, k);
        return k % parent.size();
    }

    public Augmentation augmentation(int k) {
        Batches.checkIndex(this, k);
        Augmentation a = Augmentation.draw(seed, k, POOL_KEY, pad);
        return a.flip() && !mirrorable.get(label(k)) ? new Augmentation(a.dy(), a.dx(), false, pad) : a;
    }

    @Override
    public DataSet get(int[] indices) {
        int[] base = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            base[i] = baseIndex(indices[i]);
        }
        DataSet d = parent.get(base);
        float[] src = Batches.toFloats(d.getFeatures());
        int len = c * h * w;
        float[] dst = new float[src.length];
        for (int i = 0; i < indices.length; i++) {
            augmentation(indices[i]).apply(src, i * len, c, h, w, fill, dst, i * len);
        }
        return new DataSet(Batches.features(dst, indices.length, sampleShape()), d.getLabels());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return poolSize;
    }

    @Override
    public int numClasses() {
        return parent.numClasses();
    }

    @Override
    public long[] sampleShape() {
        return parent.sampleShape();
    }

    @Override
    public int label(int k) {
        return parent.label(baseIndex(k));
    }

    @Override
    public String checksum() {
        return checksum;
    }
}
