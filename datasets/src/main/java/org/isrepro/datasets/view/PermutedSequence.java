package org.isrepro.datasets.view;

import org.isrepro.core.random.Permutations;
import org.isrepro.datasets.IndexedDataset;

/**
 * Pixel-by-pixel sequences (Le et al. 2015; the paper's permuted MNIST, §4.3): a single-channel
 * image of T = h*w pixels becomes a sequence {@code [1, T]} (DL4J RNN layout: 1 feature x T
 * steps), its pixels reordered by a fixed permutation drawn from {@code permutationSeed}. The
 * permutation depends only on (seed, T), so train and test views built with the same seed share
 * it. With k pixels per step the sequence is {@code [k, T/k]}: step t shows the permuted pixels
 * t·k … t·k + k − 1, a shorter sequence of the same permuted image.
 */
public final class PermutedSequence extends TransformedView {
    private final int steps;
    private final int perStep;
    private final int[] permutation;

    private PermutedSequence(IndexedDataset parent, int[] permutation, int perStep, String tag) {
        super(parent, tag);
        int[] s = chw(parent);
        if (s[0] != 1) {
            throw new IllegalArgumentException(parent.name() + " has " + s[0]
                    + " channels; pixel sequences need one");
        }
        int pixels = s[1] * s[2];
        if (perStep < 1 || pixels % perStep != 0) {
            throw new IllegalArgumentException(pixels + " pixels cannot be cut into steps of " + perStep
                    + "; choose a divisor of " + pixels);
        }
        this.perStep = perStep;
        this.steps = pixels / perStep;
        this.permutation = permutation;
    }

    /** Pixels permuted by the seeded permutation of {@code h*w} positions. */
    public static PermutedSequence of(IndexedDataset parent, long permutationSeed) {
        return of(parent, permutationSeed, 1);
    }

    /** The same permutation, {@code pixelsPerStep} permuted pixels per time step. */
    public static PermutedSequence of(IndexedDataset parent, long permutationSeed, int pixelsPerStep) {
        int[] s = chw(parent);
        return new PermutedSequence(parent, permutation(s[1] * s[2], permutationSeed), pixelsPerStep,
                "permuted-sequence seed " + permutationSeed + (pixelsPerStep == 1 ? ""
                        : ", " + pixelsPerStep + " pixels per step"));
    }

    /** Pixels in scan-line order (sequential MNIST, no permutation). */
    public static PermutedSequence unpermuted(IndexedDataset parent) {
        int[] s = chw(parent);
        int[] id = new int[s[1] * s[2]];
        java.util.Arrays.setAll(id, i -> i);
        return new PermutedSequence(parent, id, 1, "sequence");
    }

    /**
     * The permutation: step t of the sequence shows pixel {@code permutation[t]} (scan-line index).
     * {@link Permutations#of}, the project's one seeded shuffle.
     */
    public static int[] permutation(int length, long seed) {
        return Permutations.of(length, seed);
    }

    public int[] permutation() {
        return permutation.clone();
    }

    public int steps() {
        return steps;
    }

    public int pixelsPerStep() {
        return perStep;
    }

    @Override
    public long[] sampleShape() {
        return new long[] {perStep, steps};
    }

    @Override
    protected void transform(int index, float[] src, int srcOff, float[] dst, int dstOff) {
        // [features, time]: feature f of step t is permuted pixel t·k + f.
        for (int f = 0; f < perStep; f++) {
            for (int t = 0; t < steps; t++) {
                dst[dstOff + f * steps + t] = src[srcOff + permutation[t * perStep + f]];
            }
        }
    }
}
