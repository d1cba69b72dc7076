package org.isrepro.reproduction.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.MethodSpec;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Method parameters are read by name and type; a key no method reads fails, naming the known ones. */
@Tag(Tags.FAST)
class MethodsTest {
    private static Experiment wrn() {
        return Experiments.get("wrn-cifar10", Scale.SMOKE);
    }

    @Test
    void aMisspeltOverrideIsRejectedWithTheKnownKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Methods.create(wrn(),
                new MethodSpec("upper-bound", "typo", Map.of("presampel", 96))));
        assertTrue(e.getMessage().contains("'presampel'"), e.getMessage());
        for (String known : List.of("batchSize", "presample", "tauTh", "aTau", "chunkSize", "lrScale", "momentum")) {
            assertTrue(e.getMessage().contains(known), () -> known + " not listed: " + e.getMessage());
        }
    }

    @Test
    void aKeyOfAnotherMethodIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Methods.create(wrn(), new MethodSpec("uniform", "x",
                Map.of("presample", 96))), "uniform has no presample (it would be ignored)");
        assertThrows(IllegalArgumentException.class, () -> Methods.create(wrn(), new MethodSpec("svrg", "x",
                Map.of("alpha", 0.5))), "alpha is Schaul's");
    }

    @Test
    void aProtocolKeyGivenByTheRunIsAcceptedForEveryMethod() {
        // --set presample applies to the protocol too, so uniform accepts it there (and ignores it)
        Methods.create(wrn(), MethodSpec.of("uniform").withSet(Map.of("presample", 96)));
        assertThrows(IllegalArgumentException.class, () -> Methods.create(wrn(),
                MethodSpec.of("uniform").withSet(Map.of("presampel", 96))));
    }

    @Test
    void valuesAreTypedAndTextFromTheCommandLineIsParsed() {
        MethodSpec text = MethodSpec.of("upper-bound").withSet(Map.of("presample", "96", "tauPopulation", "PAPER"));
        Map<String, Object> p = Methods.create(wrn(), text).params();
        assertEquals(96, p.get("presample"));
        assertEquals("PAPER", p.get("tauPopulation"));
        assertThrows(IllegalArgumentException.class, () -> Methods.create(wrn(),
                MethodSpec.of("upper-bound").withSet(Map.of("presample", 96.5))), "B is an integer");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Methods.create(wrn(),
                MethodSpec.of("upper-bound").withSet(Map.of("tauPopulation", "BOTH"))));
        assertTrue(e.getMessage().contains("PAPER") && e.getMessage().contains("BATCH"), e.getMessage());
    }

    @Test
    void theRunsOverrideWinsOverTheVariantsAndTheDefaults() {
        Experiment ablation = Experiments.get("presample-ablation", Scale.SMOKE);
        MethodSpec twoB = ablation.method("upper-bound[B=2b]");
        assertEquals(32, Methods.create(ablation, twoB).params().get("presample"));
        assertEquals(96, Methods.create(ablation, twoB.withSet(Map.of("presample", 96))).params().get("presample"));
        assertEquals(48, Methods.create(ablation, MethodSpec.of("upper-bound")).params().get("presample"));
    }

    /** Every declared method, variant and tuning candidate of every experiment builds at every scale. */
    @Test
    void everyDeclaredMethodAndGridCandidateIsKnown() {
        for (Scale scale : Scale.values()) {
            for (String id : Experiments.ids()) {
                Experiment e = Experiments.get(id, scale);
                Set<String> readBySome = new HashSet<>();
                for (MethodSpec m : e.methods()) {
                    if (scale != Scale.PAPER || !m.method().equals("rais") && !m.method().equals("osgd")
                            || e.training().budget().unit() != org.isrepro.reproduction.experiment.Budget.Unit.SECONDS) {
                        Methods.create(e, m);
                        readBySome.addAll(Methods.known(e, m.method()));
                    }
                    for (Map<String, Object> candidate : e.grid(m.method())) {
                        Methods.create(e, new MethodSpec(m.method(), "candidate", candidate));
                    }
                }
                for (String key : e.methodDefaults().keySet()) {
                    assertTrue(readBySome.contains(key), id + " at " + scale + ": no method reads the default '" + key
                            + "'");
                }
            }
        }
    }

    @Test
    void theProtocolRefusesAPresampleNotAboveTheBatchSize() {
        Experiment e = wrn();
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("presample", 8);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.protocol().with(set));
        assertTrue(ex.getMessage().contains("B must exceed the batch size b (B=8, b=16)"), ex.getMessage());
        // b and B change together
        set.put("batchSize", 4);
        assertEquals(new Experiment.Protocol(4, 8, e.protocol().tauTh(), e.protocol().aTau()), e.protocol().with(set));
    }
}
