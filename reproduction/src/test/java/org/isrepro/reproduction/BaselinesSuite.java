package org.isrepro.reproduction;

import java.util.List;
import org.isrepro.core.testing.Tags;
import org.isrepro.reproduction.experiment.Scale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * §4.2's history-based baselines (tuned on validation), appendix C's variance-reduced methods and
 * appendix D's presample sizes. `make baselines` runs them at the configured scale.
 */
class BaselinesSuite {
    static final String TAG = "baselines";

    @Test
    @Tag(Tags.SMOKE)
    void smokeHistoryBaselinesAreTunedAndRun() {
        SuiteSupport.runAndCheck(Scale.SMOKE, List.of("wrn-cifar10"), List.of(),
                m -> !SuiteSupport.paperMethod(m));
    }

    @Test
    @Tag(Tags.SMOKE)
    void smokeVarianceReducedAndPresampleRecordsAreComplete() {
        SuiteSupport.runAndCheck(Scale.SMOKE, List.of("vr-cifar10", "presample-ablation"), List.of("uniform"));
    }

    @Test
    @Tag(TAG)
    void baselinesAtConfiguredScale() {
        Scale scale = Scale.fromSystemProperty();
        SuiteSupport.runAndCheck(scale, List.of("wrn-cifar10", "wrn-cifar100"), List.of(),
                m -> !SuiteSupport.paperMethod(m));
        SuiteSupport.runAndCheck(scale, List.of("vr-cifar10", "vr-cifar100", "presample-ablation"), List.of("uniform"));
    }
}
