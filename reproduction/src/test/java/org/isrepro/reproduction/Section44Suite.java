package org.isrepro.reproduction;

import java.util.List;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** §4.4 (figure 5): an LSTM on pixel-by-pixel permuted MNIST. */
class Section44Suite {
    private static final List<String> EXPERIMENTS = List.of("lstm-permuted-mnist");

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
