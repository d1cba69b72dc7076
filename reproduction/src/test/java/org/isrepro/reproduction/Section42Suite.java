package org.isrepro.reproduction;

import java.util.List;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** §4.2 (figure 3): WRN image classification, CIFAR-10 and CIFAR-100 (or their stand-ins). */
class Section42Suite {
    private static final List<String> EXPERIMENTS = List.of("wrn-cifar10", "wrn-cifar100");

    @Test
    @Tag(Tags.SMOKE)
    void smokeRecordsAreCompleteAndTheSwitchFollowsTau() {
        SuiteSupport.runAndCheck(Scale.SMOKE, EXPERIMENTS, List.of("uniform", "upper-bound"), SuiteSupport::paperMethod);
    }

    @Test
    @Tag(Tags.REPRODUCTION)
    void reproduceAtConfiguredScale() {
        SuiteSupport.runAndCheck(Scale.fromSystemProperty(), EXPERIMENTS, List.of("uniform", "upper-bound"),
                SuiteSupport::paperMethod);
    }
}
