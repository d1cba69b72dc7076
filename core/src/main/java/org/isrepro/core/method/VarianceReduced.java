package org.isrepro.core.method;

import java.util.LinkedHashMap;
import java.util.Map;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** What SVRG, Katyusha and SCSG share: the snapshot (θ̃, μ) and the control-variate gradient. */
final class VarianceReduced {
    private VarianceReduced() {
    }

    /** v and the mean data loss of the batch at the point v was taken (NaN if the model does not expose it). */
    record Corrected(INDArray gradient, double loss) {
    }

    /**
     * v = (1/b) Σ [∇L_i(θ) − ∇L_i(θ̃)] + μ, with θ the model's current parameters, which it leaves in place.
     * Both gradients see the identical batch.
     */
    static Corrected corrected(Model model, DataSet batch, INDArray snapshotPoint, INDArray mu) {
        INDArray theta = model.params();
        INDArray g = model.gradient(batch, null);
        double loss = FullPass.mean(FullPass.trainingLosses(model));
        model.setParams(snapshotPoint.castTo(theta.dataType()));
        INDArray atSnapshot = model.gradient(batch, null);
        model.setParams(theta);
        return new Corrected(g.subi(atSnapshot).addi(mu.castTo(g.dataType())), loss);
    }

    static long updatesPerEpochs(double epochs, int n, int batchSize) {
        return Math.max(1, Math.round(epochs * n / batchSize));
    }

    /** θ̃, μ and the number of updates since they were taken. */
    static final class Snapshot {
        INDArray point;
        INDArray mu;
        long stepsInStage;

        Map<String, Object> state() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stepsInStage", stepsInStage);
            if (point != null) {
                s.put("snapshot", StateCodec.encode(point));
                s.put("mu", StateCodec.encode(mu));
            }
            return s;
        }

        void restore(Map<String, Object> state) {
            long steps = StateCodec.number(state, "stepsInStage");
            if (steps < 0) {
                throw new IllegalArgumentException("checkpoint has a negative step count " + steps);
            }
            if (state.containsKey("snapshot")) {
                INDArray p = StateCodec.vector(state, "snapshot");
                INDArray m = StateCodec.vector(state, "mu");
                if (p.length() != m.length()) {
                    throw new IllegalArgumentException("checkpoint snapshot has " + p.length()
                            + " parameters but mu " + m.length());
                }
                point = p;
                mu = m;
            } else if (steps > 0) {
                throw new IllegalArgumentException("checkpoint is " + steps + " updates into a stage but has no"
                        + " snapshot");
            } else {
                point = null;
                mu = null;
            }
            stepsInStage = steps;
        }
    }
}
