package io.sentinelrisk.server.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver (Selenium never downloads a
 * browser or a driver here): a fresh profile per instance, no background traffic, the browser's
 * console kept so tests can check that a page logged no error (script errors, CSP violations and
 * failed requests all land there).
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    final ChromeDriver driver;
    private final Path profile;

    Browser() {
        try {
            profile = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--disable-default-apps", "--user-data-dir=" + profile, "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        // Selenium waits 20 s by default for chromedriver to answer: a loaded machine may need longer
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().withTimeout(java.time.Duration.ofSeconds(90)).build();
        driver = new ChromeDriver(service, o);
    }

    /** True when Debian's chromium and chromedriver are installed (.ci/run installs them). */
    static boolean installed() {
        return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    }

    /** How long a page may take to load and draw on a loaded 2-core CI machine. */
    static final Duration READY = Duration.ofSeconds(60);

    /**
     * True once the page is loaded and its charts are drawn at the current width: app.js and
     * stats.js each record the width they last drew at (on load, and 200 ms after a resize).
     */
    private static final String RENDERED = """
            const de = document.documentElement, w = String(window.innerWidth);
            const drawn = (script, marker) => !document.querySelector('script[src="' + script + '"]') || marker === w;
            return document.readyState === 'complete'
                && drawn('/static/app.js', de.dataset.chartsWidth) && drawn('/static/stats.js', de.dataset.statsWidth);
            """;

    /** Opens {@code url} and waits until the page is loaded and drawn. */
    void open(String url) {
        driver.get(url);
        awaitRendered();
    }

    /**
     * Opens {@code url} at the width last set ({@link #width}) and checks that the page came up at
     * it: the viewport is {@code width} wide and the page has its heading. {@code what} names the
     * page and width in a failure.
     */
    void openAt(String url, int width, String what) {
        open(url);
        assertThat(js("return window.innerWidth")).as(what + ": viewport").isEqualTo((long) width);
        assertThat(driver.findElement(By.tagName("h1")).getText()).as(what).isNotBlank();
    }

    void awaitRendered() {
        new WebDriverWait(driver, READY, Duration.ofMillis(50)).until(d -> Boolean.TRUE.equals(js(RENDERED)));
    }

    /**
     * Sets the viewport to {@code width} x 900 CSS px (DevTools' device metrics, so the width is
     * exact whatever the window manager allows) and waits until the page has redrawn at it. The
     * width holds for every page opened afterwards, until the next call.
     */
    void width(int width) {
        metrics(width);
        new WebDriverWait(driver, READY, Duration.ofMillis(50))
                .until(d -> ((Number) js("return window.innerWidth")).intValue() == width);
        awaitRendered();
    }

    private void metrics(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Horizontal overflow of the document in CSS px: positive when the page scrolls sideways. */
    long horizontalOverflow() {
        return ((Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
    }

    /**
     * The outermost elements that reach beyond the viewport's right edge, as tag#id.class (for the
     * message of a failed overflow check).
     */
    @SuppressWarnings("unchecked")
    List<String> overflowing() {
        return (List<String>) js("""
                const vw = document.documentElement.clientWidth;
                const out = r => r.right > vw + 0.5;
                return [...document.body.querySelectorAll('*')]
                    .filter(e => out(e.getBoundingClientRect()) && !(e.parentElement && out(e.parentElement.getBoundingClientRect())))
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined
                        ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' right ' + Math.round(e.getBoundingClientRect().right));
                """);
    }

    /**
     * Selectors among {@code selectors} that match no element shown inside the viewport's width
     * (none displayed, or the first displayed one sticks out left or right).
     */
    @SuppressWarnings("unchecked")
    List<String> notVisible(List<String> selectors) {
        return (List<String>) js("""
                const vw = document.documentElement.clientWidth;
                return arguments[0].filter(sel => {
                    const shown = [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length > 0
                        && getComputedStyle(e).visibility !== 'hidden');
                    if (shown.length === 0) { return true; }
                    const r = shown[0].getBoundingClientRect();
                    return r.width === 0 || r.height === 0 || r.left < -0.5 || r.right > vw + 0.5;
                });
                """, selectors);
    }

    /**
     * Words of table headers, table cells and buttons that the layout split across two lines
     * (a squeezed column wraps "Revoke" as "Rev / oke"): each as "word in <tag>". Ids and names
     * (in code or a link) may break anywhere and are left out; a break after a hyphen, a slash or
     * a comma is an ordinary line break.
     */
    @SuppressWarnings("unchecked")
    List<String> brokenWords() {
        return (List<String>) js("""
                const out = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                    const p = n.parentElement;
                    if (!p.closest('th, td, button') || p.closest('code, a, .sr-only, .token') || p.getClientRects().length === 0) {
                        continue;
                    }
                    for (const m of n.data.matchAll(/[^\\s\\-\\/,]{2,}/g)) {
                        const r = document.createRange();
                        r.setStart(n, m.index);
                        r.setEnd(n, m.index + m[0].length);
                        const tops = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
                        if (tops.size > 1) {
                            out.push(m[0] + ' in <' + p.tagName.toLowerCase() + '>');
                        }
                    }
                }
                return out;
                """);
    }

    /** Console entries at SEVERE since the last call (errors, CSP violations, failed requests). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * A screenshot of the whole page (beyond the window's height, through the DevTools protocol)
     * at {@code width} px wide, to {@code dir}/NAME-WIDTH.png. The viewport keeps that width.
     */
    Path screenshot(Path dir, String name, int width) {
        try {
            width(width);
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            double height = Math.min(((Number) size.get("height")).doubleValue(), 6000);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            // capturing beyond the viewport leaves it as tall as the page: back to the width's own viewport
            metrics(width);
            Files.createDirectories(dir);
            Path out = dir.resolve(name + "-" + width + ".png");
            Files.write(out, Base64.getDecoder().decode((String) shot.get("data")));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary profile under target/: left for mvn clean
            }
        }
    }
}
