package org.isrepro.reports.claims;

import static org.isrepro.reports.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.isrepro.records.Frameworks;
import org.isrepro.reports.ReportMain;
import org.isrepro.reports.records.Merged;
import org.isrepro.reports.records.Results;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PyTorch twin's runs (provenance.framework "pytorch") are compared with DL4J's, never mixed into them:
 * {@code framework-agreement} and the report's side-by-side table (docs/statistics.md, "Framework agreement").
 */
@Tag("fast")
class FrameworkAgreementTest {
    @TempDir
    Path out;

    /** Three seeds of uniform and upper-bound; upper-bound's final loss near {@code ub} (uniform's 0.5). */
    private void cifar10(String framework, double ub) {
        for (int seed = 0; seed < 3; seed++) {
            run("wrn-cifar10", "uniform").seed(seed).loss(2.3, 0.5).framework(framework).write(out);
            run("wrn-cifar10", "upper-bound").seed(seed).loss(2.3, ub * (1 + 0.05 * seed)).framework(framework)
                    .write(out);
        }
    }

    private ClaimResult judge(String id) {
        return ClaimRegistry.evaluate(Results.load(out), null).stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow();
    }

    @Test
    void twinRunsNeverEnterDl4jEstimates() {
        cifar10(null, 0.3);
        Estimate alone = judge("cifar10-train-loss").estimate();
        cifar10(Frameworks.PYTORCH, 0.05);
        Results r = Results.load(out);
        assertEquals(6, r.runs().size());
        assertEquals(6, r.otherFrameworks().size());
        assertTrue(r.runs().stream().allMatch(x -> x.framework().equals(Frameworks.DL4J)));
        Estimate withTwin = judge("cifar10-train-loss").estimate();
        assertEquals(alone, withTwin);
        assertEquals(3, withTwin.n());
    }

    @Test
    void mergingDirectoriesKeepsATwinRunApartFromDl4jsRunOfTheSameSeed(@TempDir Path twin) {
        cifar10(null, 0.3);
        Path dl4j = out;
        out = twin;
        cifar10(Frameworks.PYTORCH, 0.05);
        Results merged = Merged.load(dl4j.resolve("merged"), List.of(dl4j, twin)).results();
        assertEquals(6, merged.runs().size());
        assertEquals(6, merged.framework(Frameworks.PYTORCH).runs().size());
    }

    @Test
    void withoutTwinRunsTheClaimIsNotRunAndSaysWhy() {
        cifar10(null, 0.3);
        ClaimResult c = judge(FrameworkClaims.ID);
        assertEquals(Verdict.NOT_RUN, c.verdict(), c.summaryLine());
        assertTrue(c.reason().contains("framework pytorch") && c.reason().contains("not found"), c.reason());
    }

    @Test
    void overlappingIntervalsPassAndDisjointOnesFailNamingTheRatio() {
        cifar10(null, 0.3);
        cifar10(Frameworks.PYTORCH, 0.31);
        ClaimResult pass = judge(FrameworkClaims.ID);
        assertEquals(Verdict.PASS, pass.verdict(), pass.summaryLine());
        assertEquals("1 of 1 ratios with intervals in both frameworks overlap", pass.headline());

        cifar10(Frameworks.PYTORCH, 0.05);
        ClaimResult fail = judge(FrameworkClaims.ID);
        assertEquals(Verdict.FAIL, fail.verdict(), fail.summaryLine());
        assertTrue(fail.reason().startsWith("intervals do not overlap: wrn-cifar10 upper-bound/uniform final "
                + "training loss: DL4J 0.6"), fail.reason());
        assertTrue(fail.reason().contains("PyTorch 0.1"), fail.reason());
    }

    /** §4.3's stand-in: three seeds of uniform and upper-bound of the fine-tuning LeNet. */
    private void fineTuning(String framework, double ub) {
        for (int seed = 0; seed < 3; seed++) {
            run("resnet50-mit67", "uniform").seed(seed).batchSize(16).loss(1.6, 0.5).framework(framework).write(out);
            run("resnet50-mit67", "upper-bound").seed(seed).batchSize(16).presample(48).tauTh(2.0)
                    .loss(1.6, ub * (1 + 0.05 * seed)).framework(framework).write(out);
        }
    }

    @Test
    void theFineTuningRatioIsComparedBesideTheWrnRatioAndNamedWhenApart() throws IOException {
        cifar10(null, 0.3);
        cifar10(Frameworks.PYTORCH, 0.31);
        fineTuning(null, 0.4);
        fineTuning(Frameworks.PYTORCH, 0.05);
        ClaimResult c = judge(FrameworkClaims.ID);
        List<?> pairs = (List<?>) c.measured().get(FrameworkClaims.PAIRS);
        assertEquals(List.of("wrn-cifar10", "resnet50-mit67"), pairs.stream()
                .map(p -> ((java.util.Map<?, ?>) p).get("experiment")).toList());
        assertEquals(Verdict.FAIL, c.verdict(), c.summaryLine());
        assertTrue(c.reason().startsWith("intervals do not overlap: resnet50-mit67 upper-bound/uniform final "
                + "training loss: DL4J 0.8"), c.reason());
        assertFalse(c.reason().contains("wrn-cifar10"), c.reason());
        ReportMain.render(out, null);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| resnet50-mit67 | upper-bound/uniform final training loss | 0.8"), md);
    }

    @Test
    void oneSeedPerFrameworkIsInconclusive() {
        run("wrn-cifar10", "uniform").loss(2.3, 0.5).write(out);
        run("wrn-cifar10", "upper-bound").loss(2.3, 0.3).write(out);
        run("wrn-cifar10", "uniform").loss(2.3, 0.5).framework(Frameworks.PYTORCH).write(out);
        run("wrn-cifar10", "upper-bound").loss(2.3, 0.05).framework(Frameworks.PYTORCH).write(out);
        ClaimResult c = judge(FrameworkClaims.ID);
        assertEquals(Verdict.INCONCLUSIVE, c.verdict(), c.summaryLine());
        assertTrue(c.reason().startsWith("no ratio has a 95% interval in both frameworks"), c.reason());
    }

    @Test
    void theReportShowsBothFrameworksEstimatesSideBySideOnlyWhenTheTwinRan() throws IOException {
        cifar10(null, 0.3);
        ReportMain.render(out, null);
        assertFalse(Files.readString(out.resolve("report.md")).contains("PyTorch twin, side by side"));
        cifar10(Frameworks.PYTORCH, 0.05);
        ReportMain.render(out, null);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| wrn-cifar10 | upper-bound/uniform final training loss | 0.6"), md);
        assertTrue(md.contains(" | 0.1") && md.contains(" | **no** |"), md);
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("<table id=\"framework-pairs\">"), html);
        // the twin's records are not DL4J's: the records table lists DL4J's six only
        assertFalse(html.contains("__pytorch.json"), html);
    }
}
