package org.isrepro.reports.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.isrepro.reports.Fixtures;
import org.isrepro.reports.ReportMain;
import org.isrepro.reports.claims.ClaimResult;
import org.isrepro.reports.claims.Estimate;
import org.isrepro.reports.claims.Verdict;
import org.isrepro.reports.figures.FigureRef;
import org.isrepro.reports.records.Json;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.isrepro.reports.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a reviewer sees first and how compactly: summary, sections in the paper's order, claims table, figures. */
@Tag("fast")
class ReportLayoutTest {
    @TempDir
    static Path out;
    static ReportMain.Report report;
    static Document doc;

    @BeforeAll
    static void render() throws IOException {
        run("wrn-cifar10", "uniform").scale("smoke").write(out);
        run("wrn-cifar10", "upper-bound").scale("smoke").neverSampled().write(out);
        run("lstm-permuted-mnist", "uniform").scale("smoke").loss(2.3, 2.0).write(out);
        run("lstm-permuted-mnist", "upper-bound").scale("smoke").loss(2.3, 1.9).isOnFrom(4).write(out);
        Fixtures.ablation(out, "smoke", List.of(new Fixtures.Checkpoint(10, 0.02, 0.003, 1.1, 0.8, 0.78)));
        Fixtures.check(out, "last-layer", "smoke", List.of("checkpoint", "pearson"), List.of(List.of(0, 0.9)));
        report = ReportMain.render(out, null);
        doc = Jsoup.parse(out.resolve("index.html").toFile(), "UTF-8");
    }

    @Test
    void theSummaryComesFirstWithTheScaleBannerSayingSmokeIsNotEvidence() {
        Element first = doc.selectFirst("body > section");
        assertNotNull(first);
        assertEquals("summary", first.id());
        String banner = doc.getElementById("scale-banner").text();
        assertTrue(banner.contains("not evidence"), banner);
        String counts = doc.getElementById("verdict-counts").text();
        assertTrue(counts.contains("Judged claims") && counts.contains("Informational"), counts);
        assertNotNull(doc.selectFirst("#summary nav.toc a[href=#claims]"));
    }

    @Test
    void sectionsFollowThePapersOrderAndEachCheckAppearsOnce() {
        List<String> ids = doc.select("body > section").eachAttr("id");
        assertTrue(ids.indexOf("s41") < ids.indexOf("s42") && ids.indexOf("s42") < ids.indexOf("s44")
                && ids.indexOf("s44") < ids.indexOf("checks") && ids.indexOf("checks") < ids.indexOf("benchmarks"),
                ids.toString());
        assertEquals(1, doc.select("[id=check-last-layer]").size());
        assertEquals(1, doc.select("img[src=figures/check-last-layer-curve.png]").size());
        assertTrue(doc.getElementById("benchmarks").text().contains("Absent: no benchmark-ratios.json"));
        assertTrue(doc.getElementById("benchmarks").text().contains("Absent: no peer-speed.json"));
    }

    @Test
    void otherClocksAreLinkedFromTheCaptionNotShown() {
        FigureRef wall = report.figures().stream().filter(f -> f.id().equals("wrn-cifar10-smoke-train-loss-vs-wall"))
                .findFirst().orElseThrow();
        assertFalse(wall.shown());
        assertEquals("wrn-cifar10-smoke-train-loss-vs-cost", wall.parent());
        assertTrue(doc.select("img[src=" + wall.png() + "]").isEmpty());
        Element cap = doc.getElementById("wrn-cifar10-smoke-train-loss-vs-cost").selectFirst("figcaption");
        assertNotNull(cap.selectFirst("a[href=" + wall.png() + "]"), cap.html());
    }

    @Test
    void identicalCurvesAndImportanceSamplingThatNeverSwitchedOnAreNoted() {
        String caption = doc.getElementById("wrn-cifar10-smoke-train-loss-vs-cost").text();
        assertTrue(caption.contains("upper-bound = uniform"), caption);
        String line = doc.select("#experiments tr").stream().filter(r -> r.text().contains("wrn-cifar10")).findFirst()
                .orElseThrow().text();
        assertTrue(line.contains("never switched on") && line.contains("identical"), line);
        assertTrue(doc.getElementById("warnings").text().contains("one seed"), doc.getElementById("warnings").text());
    }

    @Test
    void aReasonSharedBySeveralClaimsIsWrittenOnceAndReferenced() {
        String smokeReason = report.claims().stream().filter(c -> c.verdict() == Verdict.NOT_RUN && c.reason() != null
                && c.reason().startsWith("not judged at smoke")).findFirst().orElseThrow().reason();
        String claims = doc.getElementById("claims").text();
        assertEquals(1, claims.split(java.util.regex.Pattern.quote(smokeReason), -1).length - 1);
        assertTrue(doc.select("table.claims a[href^=#reason-]").size() > 1);
    }

    @Test
    void theClaimsTableShowsOnlyTheJudgedScalesCriterionWithTheOthersDisclosed() {
        Element row = doc.getElementById("claim-cifar10-train-loss");
        Element criterion = row.children().get(4);
        assertTrue(criterion.ownText().startsWith("not judged at smoke"), criterion.ownText());
        assertTrue(criterion.selectFirst("details").text().contains("cpu:"), criterion.html());
        for (Element r : doc.select("table.claims tr[id]")) {
            assertFalse(r.select("td").get(2).ownText().isBlank(), "blank measured cell in " + r.id());
        }
    }

    @Test
    void integersPrintAsIntegersAndOtherNumbersWithoutPaddingZeros() {
        assertEquals("10", Text.num(10.0));
        assertEquals("0", Text.num(0.0));
        assertEquals("0.5", Text.num(0.5));
        assertEquals("1.2e-05", Text.num(1.2e-5));
        assertEquals("loss variance ratio 1.1 at step 10 (0.0123)", ClaimText.tidyNumbers(
                "loss variance ratio 1.100 at step 10.00 (0.0123)"));
    }

    @Test
    void anEstimateTheRegimeAndEqualBudgetRatiosAreRenderedWhenAClaimHasThem() {
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("regime", Map.of("wrn-cifar10", Map.of("reached", false, "uniformLossDrop", 1.8,
                "carriedOver", 0.3, "unseenOverTrainingLoss", 1.5, "isShare", 0.0, "isCondition",
                "on for ≥ 50% of the iterations", "reason", "uniform's loss fell 1.8x, not 10x")));
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("50%", Map.of("estimate", 0.9, "lo", 0.8, "hi", 1.1, "n", 3));
        measured.put("equalBudgetRatios", ratios);
        measured.put("equalLossSpeedup", Map.of("estimate", 1.2, "lo", 0.9, "hi", 1.6, "n", 3));
        ClaimResult c = new ClaimResult("x", "§4.2", "s", "p", measured, "cpu", Verdict.INCONCLUSIVE, "crit", null,
                "runs", List.of("cpu"), new Estimate("ratio ub/uniform", 0.95, 0.8, 1.1, 3, "paired t on log-ratios",
                "< 0.1"));
        assertEquals("ratio ub/uniform: 0.95 [0.8, 1.1], n=3", ClaimText.measured(c));
        StringBuilder h = new StringBuilder();
        ClaimText.extras(h, c);
        Document d = Jsoup.parse(h.toString());
        assertTrue(d.text().contains("wrn-cifar10 no 1.8 0.3 1.5 0 on for ≥ 50% of the iterations"), d.text());
        assertTrue(d.text().contains("0.9 [0.8, 1.1], n=3"), d.text());
        assertTrue(d.text().contains("equal-loss speed-up: 1.2 [0.9, 1.6], n=3"), d.text());
    }

    @Test
    void peerSpeedIsRenderedInTheBenchmarksWhenPresent(@TempDir Path dir) throws IOException {
        ObjectNode n = Json.object();
        n.put("schema", "isrepro.peer-speed/1");
        ObjectNode e = n.putArray("entries").addObject();
        e.put("network", "lenet");
        e.put("operation", "forward");
        e.put("dl4jMs", 3.0);
        e.put("torchMs", 1.5);
        e.put("ratio", 2.0);
        Json.write(dir.resolve("peer-speed.json"), n);
        ReportMain.render(dir, null);
        Document d = Jsoup.parse(dir.resolve("index.html").toFile(), "UTF-8");
        assertTrue(d.getElementById("benchmarks").text().contains("lenet forward 3 1.5 2"),
                d.getElementById("benchmarks").text());
        assertTrue(Files.readString(dir.resolve("report.md")).contains("| lenet | forward | 3 | 1.5 | 2 |"));
    }
}
