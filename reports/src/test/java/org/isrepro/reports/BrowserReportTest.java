package org.isrepro.reports;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens the rendered report in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed
 * by {@code make setup}) at 1400 and 800 px and checks what a reader meets: no sideways scrolling of the page, every
 * image loaded, every link resolving, the scale banner and verdict counts on the first screen. The inputs are the
 * smoke suites' records when {@code -Disrepro.out} points at them (as in {@code make test}), otherwise a fixture set
 * of the same shape. Screenshots and the page metrics go to {@code target/browser/} for a person to look at.
 */
@Tag("browser")
class BrowserReportTest {
    static final Path DIR = Path.of("target", "browser");
    static final Path REPORT = DIR.resolve("report");
    static final int SCREEN_HEIGHT = 900;
    static ChromeDriver driver;
    static String inputs;

    @BeforeAll
    static void renderAndStartBrowser() throws IOException {
        deleteTree(REPORT);
        Files.createDirectories(REPORT);
        Path smoke = Path.of(System.getProperty("isrepro.out", "target/no-smoke-out"));
        if (Files.isDirectory(smoke.resolve("runs"))) {
            for (String f : List.of("runs", "checks", "tuning", "ablation-4.1.json", "benchmark-ratios.json", "jmh.json",
                    "peer-speed.json")) {
                copy(smoke.resolve(f), REPORT.resolve(f));
            }
            inputs = "smoke records from " + smoke.toAbsolutePath();
        } else {
            SmokeLikeFixtures.write(REPORT);
            inputs = "the smoke-like fixture set (no smoke records at " + smoke.toAbsolutePath() + ")";
        }
        ReportMain.render(REPORT, null);
        Path chromium = firstExisting("/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path chromedriver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium.toFile());
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--window-size=1400," + SCREEN_HEIGHT);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1400, 800})
    void theReportReadsWithoutSidewaysScrollingBrokenImagesOrDeadLinksAndSummarisesOnTheFirstScreen(int width)
            throws IOException {
        driver.manage().window().setSize(new Dimension(width, SCREEN_HEIGHT));
        driver.get(REPORT.resolve("index.html").toUri().toString());
        JavascriptExecutor js = driver;
        long viewport = ((Number) js.executeScript("return window.innerWidth")).longValue();
        long screen = ((Number) js.executeScript("return window.innerHeight")).longValue();
        assertTrue(Math.abs(viewport - width) <= 20, "viewport " + viewport + " px for a " + width + " px window");
        js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.all(Array.from(document.images).map(i => i.complete ? 1 : new Promise(r => {"
                + "i.onload = r; i.onerror = r;}))).then(() => done(1));");

        long pageWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
        long clientWidth = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
        assertTrue(pageWidth <= clientWidth, "the page scrolls sideways at " + width + " px: " + pageWidth + " > "
                + clientWidth);

        @SuppressWarnings("unchecked")
        List<String> broken = (List<String>) js.executeScript("return Array.from(document.images)"
                + ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.getAttribute('src'))");
        long images = ((Number) js.executeScript("return document.images.length")).longValue();
        assertTrue(images > 0, "no images on the page");
        assertTrue(broken.isEmpty(), "images that did not load: " + broken);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> links = (List<Map<String, Object>>) js.executeScript("return Array.from("
                + "document.querySelectorAll('a[href]')).map(a => ({raw: a.getAttribute('href'), abs: a.href}))");
        List<String> dead = new ArrayList<>();
        for (Map<String, Object> l : links) {
            String raw = (String) l.get("raw");
            String abs = (String) l.get("abs");
            if (raw.startsWith("#")) {
                Object target = js.executeScript("return document.getElementById(arguments[0])", raw.substring(1));
                if (target == null) {
                    dead.add(raw);
                }
            } else if (!abs.startsWith("file:") || !Files.exists(Path.of(URI.create(abs.replaceAll("#.*$", ""))))) {
                dead.add(raw);
            }
        }
        assertTrue(links.size() > 10, "only " + links.size() + " links");
        assertTrue(dead.isEmpty(), dead.size() + " of " + links.size() + " links do not resolve: " + dead);

        for (String id : List.of("scale-banner", "verdict-counts")) {
            double bottom = ((Number) js.executeScript("return document.getElementById(arguments[0])"
                    + ".getBoundingClientRect().bottom", id)).doubleValue();
            assertTrue(bottom > 0 && bottom <= screen, "#" + id + " ends at " + bottom + " px, below the first screen ("
                    + screen + " px)");
        }

        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight")).longValue();
        Files.createDirectories(DIR);
        Files.write(DIR.resolve("report-" + width + "-first-screen.png"), driver.getScreenshotAs(OutputType.BYTES));
        fullPage(width, height, DIR.resolve("report-" + width + "-full.png"));
        // the claims table and the first part with figures, as a reader scrolls to them
        String firstFigures = (String) js.executeScript("const s = Array.from(document.querySelectorAll("
                + "'body > section')).find(x => x.querySelector('figure')); return s ? s.id : 'claims'");
        for (String id : List.of("claims", firstFigures)) {
            js.executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
            Files.write(DIR.resolve("report-" + width + "-" + id + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        }
        Object sections = js.executeScript("return Array.from(document.querySelectorAll('body > section'))"
                + ".map(s => s.id + ' ' + s.offsetHeight).join(', ')");
        String metrics = "width " + width + " px: page height " + height + " px (" + Math.round(height / (double) screen)
                + " screens of " + screen + " px), " + images + " images, " + links.size() + " links; section heights "
                + "[px]: " + sections + "; inputs: " + inputs + "\n";
        Files.writeString(DIR.resolve("metrics-" + width + ".txt"), metrics);
        System.out.print("browser: " + metrics);
        assertEquals(0, dead.size());
    }

    /** The whole page as one PNG, scaled down when taller than Chromium's 16,384 px capture limit. */
    private static void fullPage(int width, long height, Path file) throws IOException {
        double scale = Math.min(1.0, 16_000.0 / height);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height,
                        "scale", scale)));
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static Path firstExisting(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        throw new IllegalStateException("none of " + List.of(candidates) + " is installed: run `make setup` (it "
                + "installs Debian's chromium and chromium-driver)");
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.createDirectories(t.getParent());
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

}
