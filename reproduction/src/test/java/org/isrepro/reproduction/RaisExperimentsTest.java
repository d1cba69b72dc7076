package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.isrepro.core.method.rais.OracleSgd;
import org.isrepro.core.method.rais.Rais;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Budget;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.isrepro.reproduction.method.Methods;
import org.isrepro.reproduction.method.RaisMethods;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag(Tags.FAST)
class RaisExperimentsTest {

    @Test
    void everyRaisExperimentIsRegisteredAtEveryScaleWithItsSettingsNamed() {
        for (String id : new String[] {"rais-mnist-oracle", "rais-cifar10", "rais-cifar100", "check-subset"}) {
            for (Scale s : Scale.values()) {
                Experiment e = Experiments.get(id, s);
                assertNotNull(e.about().paperSetting(), id);
                assertTrue(s == Scale.PAPER || e.about().standIn() != null, id + " at " + s + " names no stand-in");
                for (MethodSpec m : e.methods()) {
                    assertNotNull(Methods.create(e, m), id + "/" + m.label());
                }
            }
        }
        assertTrue(Methods.create(Experiments.get("rais-mnist-oracle", Scale.CPU), MethodSpec.of("rais")) instanceof Rais);
        assertTrue(Methods.create(Experiments.get("rais-mnist-oracle", Scale.CPU), MethodSpec.of("osgd")) instanceof OracleSgd);
    }

    /** t̂ / T is the schedule's fraction: T is the budget in plain-SGD iterations. */
    @Test
    void effectiveBudgetIsThePlainSgdIterationCount() {
        Experiment oracle = Experiments.get("rais-mnist-oracle", Scale.CPU);
        int b = oracle.protocol().batchSize();
        assertEquals(oracle.training().budget().amount(), RaisMethods.effectiveBudget(oracle, b, null), 0);
        Experiment cifar = Experiments.get("rais-cifar10", Scale.CPU);
        Budget budget = cifar.training().budget();
        assertEquals(Budget.Unit.COST, budget.unit());
        assertEquals(budget.amount() / (3.0 * cifar.protocol().batchSize()),
                RaisMethods.effectiveBudget(cifar, cifar.protocol().batchSize(), null), 1e-9);
        assertEquals(77.0, RaisMethods.effectiveBudget(cifar, 32, 77.0), 0);
        Experiment wallClock = Experiments.get("wrn-cifar10", Scale.PAPER);
        assertThrows(IllegalArgumentException.class, () -> RaisMethods.effectiveBudget(wallClock, 128, null));
        assertEquals(0.5, Budget.iterations(10).progress(1e9, 1e9, 5), 0);
    }

    @Test
    void unknownRaisParametersAreRejected() {
        Experiment e = Experiments.get("rais-cifar10", Scale.SMOKE);
        assertThrows(IllegalArgumentException.class, () -> Methods.create(e, new MethodSpec("rais", "x",
                Map.of("rais.nonsense", 1))));
    }
}
