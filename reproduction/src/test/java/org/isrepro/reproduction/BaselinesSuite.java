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
    @SuppressWarnings("unchecked")
    void smokeVarianceReducedAndPresampleRecordsAreComplete() {
        SuiteSupport.runAndCheck(Scale.SMOKE, List.of("vr-cifar10", "presample-ablation"), List.of("uniform"));
        // Each appendix D record states the B it ran with, which the cost-clock accounting is checked against.
        org.isrepro.reproduction.experiment.Experiment e = org.isrepro.reproduction.catalog.Experiments
                .get("presample-ablation", Scale.SMOKE);
        for (org.isrepro.reproduction.experiment.MethodSpec m : e.methods()) {
            java.util.Map<String, Object> r = org.isrepro.reproduction.run.Json.read(
                    new org.isrepro.reproduction.run.Runner(SuiteSupport.options()).recordPath(e, m, 0), java.util.Map.class);
            Object presample = ((java.util.Map<String, Object>) r.get("config")).get("presample");
            org.junit.jupiter.api.Assertions.assertEquals(m.overrides().get("presample"), presample, m.label());
        }
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
