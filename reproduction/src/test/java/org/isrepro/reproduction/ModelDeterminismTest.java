package org.isrepro.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.catalog.Experiments;
import org.isrepro.reproduction.experiment.Experiment;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A run seed fixes the initial network: the basis of resumable, comparable runs. */
@Tag(Tags.SMOKE)
class ModelDeterminismTest {
    @Test
    void sameSeedGivesTheSameInitialNetwork() {
        for (String id : Experiments.ids()) {
            Experiment e = Experiments.get(id, Scale.SMOKE);
            for (int seed : new int[] {0, 3}) {
                double diff = e.network().factory().create(seed).params().sub(e.network().factory().create(seed).params()).amaxNumber()
                        .doubleValue();
                assertEquals(0.0, diff, 0.0, id + " seed " + seed);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameFirstEvaluation() {
        Experiment e = Experiments.get("resnet50-mit67", Scale.SMOKE);
        org.isrepro.reproduction.experiment.ExperimentData d = e.data().get();
        org.isrepro.reproduction.run.Evaluator ev = new org.isrepro.reproduction.run.Evaluator(d.train(),
                d.validation(), d.test(), e.evaluation().trainSize(), e.evaluation().testSize());
        org.isrepro.core.model.DlModel m1 = e.network().factory().create(0);
        org.isrepro.core.model.DlModel m2 = e.network().factory().create(0);
        assertEquals(ev.train(m1).loss(), ev.train(m1).loss(), 0.0, "same model twice");
        assertEquals(0.0, m1.params().sub(m2.params()).amaxNumber().doubleValue(), 0.0, "params");
        assertEquals(ev.train(m1).loss(), ev.train(m2).loss(), 0.0);
        org.isrepro.reproduction.run.Evaluator ev2 = new org.isrepro.reproduction.run.Evaluator(d.train(),
                d.validation(), d.test(), e.evaluation().trainSize(), e.evaluation().testSize());
        assertEquals(ev.train(m1).loss(), ev2.train(m1).loss(), 0.0, "evaluation set");
    }
}
