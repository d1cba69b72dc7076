package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import org.isrepro.core.method.BiasedImportanceSampling;
import org.isrepro.core.method.Katyusha;
import org.isrepro.core.method.OnlineBatchSelection;
import org.isrepro.core.method.PrioritizedHistory;
import org.isrepro.core.method.Scsg;
import org.isrepro.core.method.Svrg;
import org.isrepro.core.method.Uniform;
import org.isrepro.core.method.rais.OracleSgd;
import org.isrepro.core.method.rais.Rais;
import org.isrepro.core.score.GoodfellowScorer;
import org.isrepro.core.score.GradientNormScorer;
import org.isrepro.core.score.LastLayerScorer;
import org.isrepro.core.score.LossScorer;
import org.isrepro.core.score.UpperBoundScorer;
import org.isrepro.core.testing.Tags;
import org.isrepro.records.MethodIds;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Records name methods through {@link MethodIds}, the training code through each class's {@code ID}; the report
 * finds a method's runs only if both spell it alike.
 */
@Tag(Tags.FAST)
class MethodIdsTest {

    @Test
    void everyMethodIdOfTheRecordsIsTheIdTheTrainingCodeWrites() throws IllegalAccessException {
        Map<String, String> core = new TreeMap<>(Map.ofEntries(
                Map.entry("UNIFORM", Uniform.ID), Map.entry("LOSS", LossScorer.ID),
                Map.entry("UPPER_BOUND", UpperBoundScorer.ID), Map.entry("GRADIENT_NORM", GradientNormScorer.ID),
                Map.entry("LAST_LAYER", LastLayerScorer.ID), Map.entry("GOODFELLOW", GoodfellowScorer.ID),
                Map.entry("LOSHCHILOV_HUTTER", OnlineBatchSelection.ID), Map.entry("SCHAUL", PrioritizedHistory.ID),
                Map.entry("SVRG", Svrg.ID), Map.entry("KATYUSHA", Katyusha.ID), Map.entry("SCSG", Scsg.ID),
                Map.entry("BIASED", BiasedImportanceSampling.ID), Map.entry("RAIS", Rais.ID),
                Map.entry("OSGD", OracleSgd.ID)));
        Map<String, String> records = new TreeMap<>();
        for (Field f : MethodIds.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                records.put(f.getName(), (String) f.get(null));
            }
        }
        assertEquals(core, records, "records' MethodIds and core's method and scorer ids must name the same methods");
    }
}
