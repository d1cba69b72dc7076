package org.isrepro.datasets.view;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.isrepro.core.random.Permutations;
import org.isrepro.datasets.IndexedDataset;

/**
 * A validation set carved from training data: a seeded, class-stratified hold-out, so experiments
 * tune on validation and report test error. Both parts keep the parent's order.
 *
 * @param train the remaining training samples
 * @param validation the held-out samples
 */
public record ValidationSplit(Subset train, Subset validation) {
    /**
     * Holds out {@code round(fraction * count)} samples of each class, chosen by a shuffle seeded
     * with {@code seed}.
     */
    public static ValidationSplit split(IndexedDataset ds, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1): " + fraction);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < ds.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < ds.size(); i++) {
            byClass.get(ds.label(i)).add(i);
        }
        boolean[] held = new boolean[ds.size()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (List<Integer> members : byClass) {
            int[] m = members.stream().mapToInt(Integer::intValue).toArray();
            Permutations.shuffle(m, rng);
            int k = (int) Math.round(fraction * m.length);
            for (int i = 0; i < k; i++) {
                held[m[i]] = true;
            }
        }
        int[] val = indicesWhere(held, true);
        int[] tr = indicesWhere(held, false);
        String tag = "(" + fraction + ", seed " + seed + ")";
        return new ValidationSplit(Subset.named(ds, tr, ds.name() + "[train-part " + tag + "]"),
                Subset.named(ds, val, ds.name() + "[validation " + tag + "]"));
    }

    private static int[] indicesWhere(boolean[] mask, boolean value) {
        int[] out = new int[mask.length];
        int n = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == value) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
