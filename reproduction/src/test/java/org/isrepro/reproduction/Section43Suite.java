package org.isrepro.reproduction;

import java.util.List;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** §4.3 (figure 4): fine-tuning (ResNet-50 on MIT67, or the Fashion-MNIST 0-4 → 5-9 stand-in). */
class Section43Suite {
    private static final List<String> EXPERIMENTS = List.of("resnet50-mit67");

    @Test
    @Tag(Tags.SMOKE)
    void smokeRecordsAreCompleteAndTheSwitchFollowsTau() {
        SuiteSupport.runAndCheck(Scale.SMOKE, EXPERIMENTS, List.of("uniform", "upper-bound"));
    }

    @Test
    @Tag(Tags.REPRODUCTION)
    void reproduceAtConfiguredScale() {
        SuiteSupport.runAndCheck(Scale.fromSystemProperty(), EXPERIMENTS, List.of("uniform", "upper-bound"));
    }
}
