package org.isrepro.reproduction.method;

import java.util.LinkedHashMap;
import java.util.Map;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.Method;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.StepReport;
import org.isrepro.core.model.Model;
import org.isrepro.core.random.Permutations;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains any method on a fixed fraction of the training set (reviewer 000: "run importance sampling on
 * only a fifth of the training set"): the method sees a {@link SampleSource} of the first ⌈f·n⌉ examples
 * of a seeded permutation. Evaluation still uses the whole training set, so its training loss is
 * comparable with runs on all data. Method parameter {@code trainFraction} in (0, 1].
 */
public final class TrainSubset implements Method {
    public static final String PARAM = "trainFraction";
    static final long PERMUTATION_SEED = 20_18L;

    private final Method inner;
    private final double fraction;
    private SampleSource view;

    public TrainSubset(Method inner, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1], got " + fraction);
        }
        this.inner = inner;
        this.fraction = fraction;
    }

    /** Wraps {@code m} when the parameters ask for a subset, otherwise returns it. */
    public static Method wrapIfRequested(Method m, Params params) {
        Double f = params.optionalReal(PARAM);
        return f == null ? m : new TrainSubset(m, f);
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public StepReport step(Model model, SampleSource data, StepContext context) {
        if (view == null) {
            view = subset(data, fraction);
        }
        return inner.step(model, view, context);
    }

    static SampleSource subset(SampleSource data, double fraction) {
        int n = data.size();
        int k = Math.max(1, (int) Math.ceil(fraction * n));
        int[] chosen = Permutations.firstOf(n, k, PERMUTATION_SEED);
        return new SampleSource() {
            @Override
            public int size() {
                return k;
            }

            @Override
            public DataSet get(int[] indices) {
                int[] mapped = new int[indices.length];
                for (int i = 0; i < indices.length; i++) {
                    mapped[i] = chosen[indices[i]];
                }
                return data.get(mapped);
            }
        };
    }

    @Override
    public Map<String, Object> params() {
        Map<String, Object> p = new LinkedHashMap<>(inner.params());
        p.put(PARAM, fraction);
        p.put("trainSubsetSeed", PERMUTATION_SEED);
        return p;
    }

    @Override
    public Map<String, Object> state() {
        return inner.state();
    }

    @Override
    public void restore(Map<String, Object> state) {
        inner.restore(state);
    }
}
