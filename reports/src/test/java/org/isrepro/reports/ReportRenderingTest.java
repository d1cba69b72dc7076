package org.isrepro.reports;

import com.fasterxml.jackson.databind.JsonNode;
import org.isrepro.reports.figures.FigureRef;
import org.isrepro.reports.figures.Charts;
import org.isrepro.reports.records.Json;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.isrepro.reports.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Renders once from fixture records covering every input kind, then checks the outputs. */
@Tag("fast")
class ReportRenderingTest {
    @TempDir
    static Path out;
    static ReportMain.Report report;

    @BeforeAll
    static void render() {
        for (long seed = 0; seed < 2; seed++) {
            run("wrn-cifar10", "uniform").seed(seed).loss(2.3, 0.5 + 0.1 * seed).write(out);
            run("wrn-cifar10", "upper-bound").seed(seed).loss(2.3, 0.3 + 0.05 * seed).isOnFrom(3).write(out);
        }
        run("wrn-cifar10", "loss").loss(2.3, 0.45).isOnFrom(5).write(out);
        run("wrn-cifar10", "uniform").scale("smoke").points(3).write(out);
        run("presample-ablation", "upper-bound").variant("B=3b").presample(96).write(out);
        run("presample-ablation", "upper-bound").variant("B=8b").presample(256).loss(2.3, 0.7).write(out);
        Fixtures.ablation(out, "cpu", List.of(new Fixtures.Checkpoint(100, 0.02, 0.003, 1.1, 0.8, 0.78),
                new Fixtures.Checkpoint(200, 0.015, 0.002, 0.95, 0.7, 0.69)));
        Fixtures.benchRatios(out, 25, 1.02);
        Fixtures.jmh(out);
        Fixtures.check(out, "last-layer", "cpu", List.of("checkpoint", "pearson"), List.of(List.of(0, 0.9)));
        report = ReportMain.render(out, null);
    }

    @Test
    void htmlParsesAndEveryLocalSrcAndHrefResolvesToAnExistingFile() throws IOException {
        Document doc = Jsoup.parse(out.resolve("index.html").toFile(), "UTF-8");
        List<Element> refs = doc.select("[src], [href]");
        assertTrue(refs.size() > 20, "expected figures and record links, got " + refs.size());
        for (Element e : refs) {
            String ref = e.hasAttr("src") ? e.attr("src") : e.attr("href");
            if (ref.startsWith("#")) {
                assertNotNull(doc.getElementById(ref.substring(1)), "no element for the anchor " + ref);
                continue;
            }
            assertFalse(ref.startsWith("http") || ref.startsWith("/"), "not self-contained: " + ref);
            assertTrue(Files.isRegularFile(out.resolve(ref)), "missing file referenced by index.html: " + ref);
        }
        assertEquals(report.figures().stream().filter(FigureRef::shown).count(), doc.select("figure img").size());
        assertEquals(ClaimPredicatesTest.CLAIMS_MD_IDS.size(), doc.select("table.claims tr[id^=claim-]").size());
    }

    @Test
    void markdownReferencesOnlyExistingFiles() throws IOException {
        String md = Files.readString(out.resolve("report.md"));
        var m = java.util.regex.Pattern.compile("\\]\\(([^)]+)\\)").matcher(md);
        int n = 0;
        while (m.find()) {
            n++;
            assertTrue(Files.isRegularFile(out.resolve(m.group(1))), "report.md links a missing file: " + m.group(1));
        }
        assertTrue(n > 20);
    }

    @Test
    void everyFigureIsANonEmptyPngOfTheChartSizeAndAnSvg() throws IOException {
        assertTrue(report.figures().size() >= 20, "figures: " + report.figures().size());
        for (FigureRef f : report.figures()) {
            BufferedImage img = ImageIO.read(out.resolve(f.png()).toFile());
            assertNotNull(img, f.png());
            assertEquals(Charts.WIDTH, img.getWidth(), f.png());
            assertEquals(Charts.HEIGHT, img.getHeight(), f.png());
            assertTrue(distinctColours(img) > 5, "blank image " + f.png());
            assertTrue(Files.readString(out.resolve(f.svg())).contains("<svg"), f.svg());
        }
    }

    @Test
    void figuresExistForEveryPaperFigureWhoseInputsArePresent() {
        Set<String> ids = new HashSet<>(report.figures().stream().map(FigureRef::id).toList());
        for (String id : List.of("fig1-variance-ratio", "fig2-probabilities", "wrn-cifar10-cpu-train-loss-vs-wall",
                "wrn-cifar10-cpu-train-loss-vs-cost", "wrn-cifar10-cpu-train-loss-vs-epochs",
                "wrn-cifar10-cpu-test-error-vs-cost", "wrn-cifar10-smoke-train-loss-vs-cost",
                "presample-ablation-cpu-train-loss-vs-cost", "tau-wrn-cifar10-cpu", "jmh-us-op",
                "check-last-layer-curve")) {
            assertTrue(ids.contains(id), id + " not in " + ids);
        }
    }

    @Test
    void titlesAreShortAndCaptionsNameTheScaleTheStandInAndTheRecordedConfiguration() {
        for (FigureRef f : report.figures()) {
            assertTrue(f.title().length() <= 60, f.title());
            if (!f.id().startsWith("jmh")) {
                assertTrue(f.caption().contains(" scale"), f.caption());
            }
            if (f.id().startsWith("wrn") || f.id().startsWith("fig1")) {
                assertTrue(f.caption().contains("stand-in"), f.caption());
            }
            if (f.id().startsWith("wrn-cifar10-cpu")) {
                assertTrue(f.caption().contains("b 32") && f.caption().contains("tau_th 1.5"), f.caption());
            }
        }
    }

    @Test
    void claimsJsonHasOneCompleteEntryPerClaim() {
        JsonNode doc = Json.read(out.resolve("claims.json"));
        assertEquals("isrepro.claims/1", doc.get("schema").asText());
        assertEquals(ClaimPredicatesTest.CLAIMS_MD_IDS.size(), doc.get("claims").size());
        for (JsonNode c : doc.get("claims")) {
            for (String f : List.of("id", "source", "statement", "paperValue", "measured", "scale", "verdict",
                    "criterion", "reason")) {
                assertTrue(c.has(f), c.get("id") + " lacks " + f);
            }
            assertTrue(Set.of("pass", "fail", "inconclusive", "not-run").contains(c.get("verdict").asText()));
        }
    }

    @Test
    void mainPrintsOneSummaryLinePerClaimAndExitsZero(@TempDir Path empty) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertEquals(0, ReportMain.run(new PrintStream(buf, true, StandardCharsets.UTF_8), "--out", empty.toString()));
        String stdout = buf.toString(StandardCharsets.UTF_8);
        for (String id : ClaimPredicatesTest.CLAIMS_MD_IDS) {
            assertTrue(stdout.lines().anyMatch(l -> l.matches("(pass|fail|not-run)\\s+" + id + "\\s.*")), id);
        }
    }

    @Test
    void anEmptyOutputDirectoryGivesAReportSayingNothingHasRun(@TempDir Path empty) throws IOException {
        ReportMain.Report r = ReportMain.render(empty, null);
        assertTrue(r.figures().isEmpty());
        assertTrue(r.claims().stream().allMatch(c -> c.verdict().id().equals("not-run")));
        Document doc = Jsoup.parse(empty.resolve("index.html").toFile(), "UTF-8");
        assertTrue(doc.text().contains("Nothing has run yet"));
        assertTrue(Files.readString(empty.resolve("report.md")).contains("Nothing has run yet"));
    }

    @Test
    void aMalformedRecordFailsAStrictReportAndNamesTheFile(@TempDir Path bad) throws IOException {
        Files.createDirectories(bad.resolve("runs"));
        Files.writeString(bad.resolve("runs/x.json"), "{\"schema\":\"isrepro.run/0\"}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, ReportMain.run(new PrintStream(new ByteArrayOutputStream()), "--out", bad.toString(),
                    "--strict"));
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("x.json"), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(bad.resolve("report.md")), "a strict failure writes no report");
    }

    @Test
    void aMalformedRecordIsSkippedAndListedUnderProblems(@TempDir Path out) throws IOException {
        Fixtures.run("wrn-cifar10", "uniform").write(out);
        Files.writeString(out.resolve("runs/x.json"), "{\"schema\":\"isrepro.run/0\"}");
        ReportMain.Report r = ReportMain.render(out, null);
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).reason().contains("isrepro.run/0"), r.problems().toString());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Problems") && md.contains("runs/x.json"), md);
        assertTrue(Jsoup.parse(out.resolve("index.html").toFile(), "UTF-8").select("#problems").size() == 1);
        assertTrue(md.contains("wrn-cifar10"), "the good record is still reported");
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                c.add(img.getRGB(x, y));
            }
        }
        return c.size();
    }
}
