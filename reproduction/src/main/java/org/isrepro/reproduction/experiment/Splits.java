package org.isrepro.reproduction.experiment;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.isrepro.core.random.Permutations;
import org.isrepro.datasets.IndexedDataset;
import org.isrepro.datasets.view.Subset;
import org.isrepro.datasets.view.ValidationSplit;

/**
 * The data preparation every experiment family shares: fixed class-mixed subsets and validation splits,
 * all drawn from one seed so that every method and run seed sees the same images, and a per-process cache
 * so that experiments on the same data load it once.
 */
public final class Splits {
    /** The seed of every subset and validation split of the experiments. */
    public static final long SPLIT_SEED = 7L;
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private Splits() {
    }

    /** Computes once per process and key (the data of an experiment at a scale). */
    @SuppressWarnings("unchecked")
    public static <T> Supplier<T> memo(String key, Supplier<T> make) {
        return () -> (T) CACHE.computeIfAbsent(key, k -> make.get());
    }

    /** A fixed, class-mixed subset: the first n of a seeded permutation (all of ds when n covers it). */
    public static IndexedDataset subset(IndexedDataset ds, int n) {
        if (n >= ds.size()) {
            return ds;
        }
        return Subset.named(ds, Permutations.firstOf(ds.size(), n, SPLIT_SEED), ds.name() + "[" + n + "]");
    }

    /** Training data with a stratified validation part carved out, and the test set. */
    public static ExperimentData withValidation(IndexedDataset train, double fraction, IndexedDataset test) {
        ValidationSplit split = ValidationSplit.split(train, fraction, SPLIT_SEED);
        return new ExperimentData(split.train(), split.validation(), test);
    }
}
