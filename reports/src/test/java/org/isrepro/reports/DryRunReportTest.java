package org.isrepro.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.claims.Verdict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report of dry-run records (README, "Dry run of the paper scale") judges no claim and says why. */
@Tag("fast")
class DryRunReportTest {
    @TempDir
    Path tmp;

    private static final String LABEL = "dry run: synthetic data, 1 iteration";

    private List<ClaimResult> claims(boolean dryRun) {
        Path out = tmp.resolve(dryRun ? "dry" : "real");
        for (String method : List.of("uniform", "upper-bound")) {
            for (long seed = 0; seed < 3; seed++) {
                Fixtures.Run r = Fixtures.run("wrn-cifar10", method).seed(seed).scale("paper")
                        .loss(2.0, method.equals("uniform") ? 0.5 : 0.01);
                (dryRun ? r.standIn(LABEL) : r.standIn(null)).write(out);
            }
        }
        return ReportMain.render(out, null).claims();
    }

    @Test
    void dryRunRecordsLeaveEveryClaimNotJudgedWithTheDryRunAsTheReason() {
        List<ClaimResult> claims = claims(true);
        assertTrue(claims.stream().allMatch(c -> c.verdict() == Verdict.NOT_RUN), claims::toString);
        ClaimResult loss = claims.stream().filter(c -> c.id().equals("cifar10-train-loss")).findFirst().orElseThrow();
        assertTrue(loss.reason().startsWith("not judged: " + LABEL), loss.reason());
    }

    @Test
    void theSameRecordsWithoutTheDryRunLabelAreJudged() {
        ClaimResult loss = claims(false).stream().filter(c -> c.id().equals("cifar10-train-loss")).findFirst()
                .orElseThrow();
        assertEquals("paper", loss.scale());
        assertTrue(loss.verdict() != Verdict.NOT_RUN, loss::toString);
    }
}
