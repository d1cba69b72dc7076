package org.isrepro.reports.render;

import static org.isrepro.reports.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.isrepro.reports.claims.ClaimRegistry;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.records.Results;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim judged on several experiments (appendix C's VR methods, the RAIS poster's tasks) headlines each
 * experiment's summary line with that experiment's own estimate, not the claim's overall one.
 */
@Tag("fast")
class ExperimentHeadlineTest {

    private static Map<String, String> headlines(Path out) {
        Results r = Results.load(out);
        List<ClaimResult> claims = ClaimRegistry.evaluate(r, null);
        return ReportModel.build(r, claims, List.of(), "now").experiments().stream()
                .collect(Collectors.toMap(ReportModel.ExperimentLine::experiment,
                        ReportModel.ExperimentLine::headline));
    }

    @Test
    void eachVrExperimentLineShowsItsOwnUpperBoundOverBestVrRatio(@TempDir Path out) {
        for (int seed = 0; seed < 3; seed++) {
            for (String exp : List.of("vr-cifar10", "vr-cifar100")) {
                // upper-bound/scsg final loss: 0.1/0.8 on vr-cifar10, 0.2/0.5 on vr-cifar100
                run(exp, "uniform").seed(seed).loss(2.3, 0.5).write(out);
                run(exp, "scsg").seed(seed).loss(2.3, exp.equals("vr-cifar10") ? 0.8 : 0.5 + 0.01 * seed).write(out);
                run(exp, "upper-bound").seed(seed).loss(2.3, exp.equals("vr-cifar10") ? 0.1 : 0.2).write(out);
            }
        }
        Map<String, String> h = headlines(out);
        assertTrue(h.get("vr-cifar10").contains("vr-cifar10:") && h.get("vr-cifar10").contains("0.125"),
                h.get("vr-cifar10"));
        assertTrue(h.get("vr-cifar100").contains("vr-cifar100:") && h.get("vr-cifar100").contains("0.39"),
                h.get("vr-cifar100"));
    }

    @Test
    void eachRaisTaskLineShowsItsOwnSpeedup(@TempDir Path out) {
        run("rais-cifar10", "uniform").loss(2.3, 0.5).write(out);
        run("rais-cifar10", "rais").loss(2.3, 0.2).write(out);
        run("rais-cifar100", "uniform").loss(2.3, 0.5).write(out);
        run("rais-cifar100", "rais").loss(2.3, 0.48).write(out);
        Map<String, String> h = headlines(out);
        assertTrue(h.get("rais-cifar10").contains("rais-cifar10:"), h.get("rais-cifar10"));
        assertTrue(h.get("rais-cifar100").contains("rais-cifar100:"), h.get("rais-cifar100"));
        assertFalse(h.get("rais-cifar100").contains("best task"), h.get("rais-cifar100"));
        assertEquals(2, h.values().stream().distinct().count(), h.toString());
    }
}
