package org.isrepro.reproduction.run;

import org.isrepro.core.model.ForwardResult;
import org.isrepro.core.model.Model;
import org.isrepro.core.random.Permutations;
import org.isrepro.datasets.IndexedDataset;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Fixed evaluation sets, loaded once per run: a training subset for the unweighted training loss (never
 * the IS-weighted minibatch loss, docs/baselines.md §1), the test set and the validation split.
 * The validation subset is half the test size. Subsets are chosen with a constant seed so every method and seed is evaluated on the same samples.
 */
public final class Evaluator {
    private static final int CHUNK = 256;
    private static final long SUBSET_SEED = 20180710L;

    public record Metrics(double loss, double error) {
    }

    private final DataSet trainSubset;
    private final DataSet test;
    private final DataSet validation;

    public Evaluator(IndexedDataset train, IndexedDataset validation, IndexedDataset test, int trainSize, int testSize) {
        this.trainSubset = train.get(subset(train.size(), trainSize));
        this.test = test.get(subset(test.size(), testSize));
        this.validation = validation.get(subset(validation.size(), Math.max(1, testSize / 2)));
    }

    /** The indices of the fixed subset of {@code size} of {@code n} samples that evaluations use. */
    public static int[] subset(int n, int size) {
        return Permutations.firstOf(n, size, SUBSET_SEED);
    }

    public static Metrics evaluate(Model model, DataSet data) {
        ForwardResult f = model.forward(data, CHUNK);
        double[] losses = f.losses();
        double sum = 0;
        for (double l : losses) {
            sum += l;
        }
        return new Metrics(sum / losses.length, f.errorRate());
    }

    public Metrics train(Model model) {
        return evaluate(model, trainSubset);
    }

    public Metrics test(Model model) {
        return evaluate(model, test);
    }

    public Metrics validation(Model model) {
        return evaluate(model, validation);
    }
}
