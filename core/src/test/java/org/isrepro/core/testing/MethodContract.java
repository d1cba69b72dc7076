package org.isrepro.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.isrepro.core.data.SampleSource;
import org.isrepro.core.method.Method;
import org.isrepro.core.method.StepContext;
import org.isrepro.core.method.StepReport;
import org.isrepro.core.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Assertions every {@link Method} should satisfy, shared by the methods' tests. */
public final class MethodContract {
    private MethodContract() {
    }

    public static StepContext context(long iteration, double lr) {
        return new StepContext(iteration, lr, new SplittableRandom(7_919 * iteration + 13));
    }

    /** What a JSON round trip may do to a state map: every number comes back as a double. */
    public static Map<String, Object> throughJson(Map<String, Object> state) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : state.entrySet()) {
            Object v = e.getValue();
            assertTrue(v instanceof Number || v instanceof String || v instanceof Boolean,
                    "state value '" + e.getKey() + "' is not JSON-friendly: " + (v == null ? null : v.getClass()));
            out.put(e.getKey(), v instanceof Number n ? (Object) n.doubleValue() : v);
        }
        return out;
    }

    /**
     * Runs {@code before} steps, checkpoints (method state through JSON, parameters, optimiser state), runs
     * {@code after} more; then restores a fresh model and method from the checkpoint and runs the same
     * {@code after} steps: parameters and step reports must be identical.
     */
    public static void restoredMethodContinuesIdentically(Supplier<Model> models, Supplier<Method> methods,
                                                          SampleSource data, double lr, int before, int after) {
        Model original = models.get();
        Method method = methods.get();
        for (int t = 0; t < before; t++) {
            method.step(original, data, context(t, lr));
        }
        Map<String, Object> state = throughJson(method.state());
        INDArray params = original.params();
        INDArray optimizer = original.optimizerState();
        StepReport[] expected = new StepReport[after];
        for (int t = 0; t < after; t++) {
            expected[t] = method.step(original, data, context(before + t, lr));
        }
        Model resumed = models.get();
        resumed.setParams(params);
        resumed.setOptimizerState(optimizer);
        Method restored = methods.get();
        restored.restore(state);
        for (int t = 0; t < after; t++) {
            StepReport r = restored.step(resumed, data, context(before + t, lr));
            assertEquals(expected[t].costUnits(), r.costUnits(), "cost of resumed step " + t);
            assertEquals(expected[t].importanceSampled(), r.importanceSampled(), "resumed step " + t);
        }
        assertArrayEquals(original.params().toDoubleVector(), resumed.params().toDoubleVector(), 1e-12,
                "parameters after " + after + " resumed steps");
        assertEquals(throughJson(method.state()), throughJson(restored.state()), "method state after resuming");
    }
}
