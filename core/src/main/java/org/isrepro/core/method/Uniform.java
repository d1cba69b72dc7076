package org.isrepro.core.method;

import java.util.Map;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.model.Cost;
import org.isrepro.core.model.Model;

/** Plain SGD: b indices drawn uniformly with replacement (as the reference does), unit weights; cost 3b. */
public final class Uniform implements Method {
    public static final String ID = "uniform";
    private final int batchSize;

    public Uniform(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size b must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public StepReport step(Model model, SampleSource data, StepContext context) {
        int[] batch = Draws.uniform(data.size(), batchSize, context.random());
        model.setLearningRate(context.learningRate());
        double loss = model.weightedStep(data.get(batch), null);
        return new StepReport(loss, Double.NaN, false, Cost.step(batchSize), context.learningRate());
    }

    @Override
    public Map<String, Object> params() {
        return Map.of("batchSize", batchSize);
    }

    @Override
    public Map<String, Object> state() {
        return Map.of();
    }

    @Override
    public void restore(Map<String, Object> state) {
    }
}
