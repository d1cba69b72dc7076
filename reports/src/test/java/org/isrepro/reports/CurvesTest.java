package org.isrepro.reports;

import org.isrepro.reports.analysis.Band;
import org.isrepro.reports.analysis.Curves;
import org.isrepro.reports.records.Point;
import org.isrepro.reports.records.Results;
import org.isrepro.reports.records.RunRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.isrepro.reports.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
class CurvesTest {
    @TempDir
    Path out;

    @Test
    void firstReachInterpolatesBetweenEvaluationsAndIsInfiniteWhenNeverReached() {
        double[] x = {0, 10, 20};
        double[] y = {2, 1, 0.5};
        assertEquals(5, Curves.firstReach(x, y, 1.5), 1e-12);
        assertEquals(0, Curves.firstReach(x, y, 3), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, Curves.firstReach(x, y, 0.1));
    }

    @Test
    void bandIsMeanMinAndMaxOverSeedsOnTheCommonRange() {
        run("e", "uniform").seed(0).loss(2, 1).initialLoss(2).points(4).write(out);
        run("e", "uniform").seed(1).loss(2, 0.5).initialLoss(2).points(4).budget(48_000).write(out);
        List<RunRecord> runs = Results.load(out).runs("e");
        Band b = Curves.band(runs, Point::costUnits, Point::trainLoss, true);
        assertEquals(2, b.seeds());
        assertEquals(48_000, b.x()[b.x().length - 1], 1e-9, "grid stops where the shorter seed ends");
        assertEquals(2, b.mean()[0], 1e-12);
        assertTrue(b.min()[2] < b.mean()[2] && b.mean()[2] < b.max()[2]);
    }

    @Test
    void bandIsTheNinetyFivePercentTIntervalOfTheMeanOverSeedsAndEmptyWithOneSeed() {
        // three seeds, constant losses 1, 2 and 3: mean 2, sd 1, half-width t(0.975, 2) / sqrt(3) = 4.303 / 1.732
        for (int seed = 0; seed < 3; seed++) {
            run("t", "uniform").seed(seed).loss(seed + 1, seed + 1).points(3).write(out);
        }
        Band b = Curves.band(Results.load(out).runs("t"), Point::costUnits, Point::trainLoss, true);
        assertEquals(3, b.seeds());
        assertEquals(2, b.mean()[1], 1e-12);
        assertEquals(2 - 4.303 / Math.sqrt(3), b.lo()[1], 1e-9);
        assertEquals(2 + 4.303 / Math.sqrt(3), b.hi()[1], 1e-9);
        Band one = Curves.band(Results.load(out).runs("t").subList(0, 1), Point::costUnits, Point::trainLoss, true);
        assertFalse(one.hasInterval());
        assertEquals(one.mean()[1], one.hi()[1]);
        assertEquals(2.042, Curves.tQuantile975(30), 1e-9);
        assertEquals(1.984, Curves.tQuantile975(100), 2e-3);
    }

    @Test
    void groupsPutUniformFirstAndOrderVariantsNumerically() {
        run("p", "upper-bound").variant("B=10b").write(out);
        run("p", "upper-bound").variant("B=2b").write(out);
        run("p", "uniform").write(out);
        Map<String, List<RunRecord>> g = Curves.byGroup(Results.load(out).runs("p"));
        assertEquals(List.of("uniform", "upper-bound B=2b", "upper-bound B=10b"), List.copyOf(g.keySet()));
    }

    @Test
    void epochSpeedupOfIdenticalCurvesIsOneAndOfAFasterCurveAboveOne() {
        run("r", "uniform").loss(2, 0.5).write(out);
        run("r", "rais").loss(2, 0.5).write(out);
        List<RunRecord> runs = Results.load(out).runs("r");
        double[] same = Curves.epochSpeedup(runs.subList(1, 2), runs.subList(0, 1));
        assertEquals(1, same[0], 1e-9);
        run("r", "rais").loss(2, 0.125).write(out);
        runs = Results.load(out).runs("r");
        RunRecord rais = runs.stream().filter(r -> r.method().equals("rais")).findFirst().orElseThrow();
        RunRecord uni = runs.stream().filter(r -> r.method().equals("uniform")).findFirst().orElseThrow();
        // losses fall geometrically, RAIS's at twice the log-rate (2 → 0.125 vs 2 → 0.5): it reaches uniform's
        // level of epoch e at e/2, so the speed-up is 2 up to linear interpolation between evaluations
        assertEquals(2, Curves.epochSpeedup(List.of(uni), List.of(rais))[0], 0.03);
    }
}
