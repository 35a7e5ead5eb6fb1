package io.sentinelrisk.server.web;

import io.sentinelrisk.server.auth.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Distributions, Business impact and Model performance pages in Debian's Chromium (headless):
 * each loads with no console error and no failed request and draws its charts, at 1280 and 390 px
 * (screenshots under target/screenshots); a verdict posted through the REST API moves the data of
 * the precision chart.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class StatsPagesBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");

    WebFixture fx;
    Browser analyst;
    final List<String> alerts = new ArrayList<>();

    @BeforeAll
    void start() {
        Assumptions.assumeTrue(Browser.installed(), "chromium and chromedriver are not installed (.ci/run installs them)");
        fx = new WebFixture("stats-web");
        String[] sources = FeedFilters.SOURCES.toArray(String[]::new);
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < 240; i++) {
            var f = WebFixture.JSON.createObjectNode();
            f.put("user", "u" + (i % 12));
            f.put("amount", Math.round(Math.exp(4 + rnd.nextGaussian() * 0.5) * 100) / 100.0);
            f.put("hour", 8 + rnd.nextInt(10));
            f.put("country", new String[] {"US", "DE", "FR"}[rnd.nextInt(3)]);
            fx.event(sources[i < 120 ? 0 : 1 + i % 3], f);
        }
        for (int i = 0; i < 6; i++) {
            alerts.add(fx.oddEvent(sources[i % 4], "u" + i, "KP"));
        }
        analyst = new Browser();
        analyst.open(fx.base() + "/login");
        analyst.driver.findElement(By.id("key")).sendKeys(fx.keys.get(Role.ANALYST));
        analyst.driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        new WebDriverWait(analyst.driver, Duration.ofSeconds(30)).until(ExpectedConditions.urlToBe(fx.base() + "/feed"));
    }

    @AfterAll
    void stop() {
        if (analyst != null) {
            analyst.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private void checkClean(String what) {
        assertThat(analyst.consoleErrors()).as(what + ": console errors").isEmpty();
        @SuppressWarnings("unchecked")
        List<String> failed = (List<String>) analyst.js("return performance.getEntriesByType('resource')"
                + ".filter(e => !(e.responseStatus >= 200 && e.responseStatus < 400)).map(e => e.name + ' ' + e.responseStatus)");
        assertThat(failed).as(what + ": failed requests").isEmpty();
        try {
            analyst.driver.switchTo().alert();
            throw new AssertionError(what + ": a dialog opened");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private long charts() {
        return ((Number) analyst.js("return window.sentinelStats ? window.sentinelStats.charts() : -1")).longValue();
    }

    @Test
    void eachPageLoadsCleanAndDrawsItsCharts() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("distributions", "/distributions");
        pages.put("distributions-source", "/distributions?range=7d&source=soc");
        pages.put("business", "/business");
        pages.put("model", "/model?range=6h");
        // each width for itself: the pages are loaded at it (not resized to it), as a phone loads them
        for (int width : new int[] {1280, 390}) {
            analyst.width(width);
            for (var p : pages.entrySet()) {
                String what = p.getKey() + " at " + width + " px";
                analyst.openAt(fx.base() + p.getValue(), width, what);
                checkClean(what);
                assertThat(charts()).as(what + ": charts drawn").isPositive();
                assertThat(analyst.driver.findElements(By.cssSelector(".stats-chart canvas"))).as(what).isNotEmpty();
                assertThat(analyst.horizontalOverflow()).as(() -> what + ": horizontal overflow (scrollWidth - clientWidth), from " + analyst.overflowing())
                        .isLessThanOrEqualTo(0);
                assertThat(analyst.notVisible(List.of("h1", ".top nav", ".stats-chart canvas", ".table-wrap")))
                        .as(what + ": key elements not shown inside the width").isEmpty();
                assertThat(analyst.brokenWords()).as(what + ": words split across lines in tables and buttons").isEmpty();
                analyst.screenshot(SHOTS, p.getKey(), width);
                checkClean(what + " after the screenshot");
            }
        }
        analyst.width(1280);
        // the score histogram of a source counts every one of its events
        analyst.open(fx.base() + "/distributions?source=soc");
        long counted = ((Number) analyst.js("return window.sentinelStats.data('score')[1].reduce((a, b) => a + b, 0)")).longValue();
        assertThat(counted).isEqualTo(120 + 2);
        // the model card names the champion
        analyst.open(fx.base() + "/model");
        assertThat(analyst.driver.findElement(By.id("model-version")).getText()).isEqualTo(fx.server.registry().active().version());
        // and one card per source's champion, with that champion's version
        List<String> cards = analyst.driver.findElements(By.cssSelector(".source-model .model-version")).stream()
                .map(e -> e.getText()).toList();
        assertThat(cards).containsExactlyElementsOf(fx.server.registry().champions().values().stream().map(m -> m.version()).toList());
    }

    @SuppressWarnings("unchecked")
    private List<Double> precisionSeries() {
        analyst.open(fx.base() + "/model?range=1h");
        checkClean("model");
        List<Object> values = (List<Object>) analyst.js("return window.sentinelStats.data('precision')[1]");
        List<Double> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v == null ? null : ((Number) v).doubleValue());
        }
        return out;
    }

    private void verdict(String alert, String verdict) {
        var r = fx.http.post("/v1/alerts/" + alert + "/feedback", fx.keys.get(Role.ANALYST), "{\"verdict\":\"" + verdict + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aVerdictPostedThroughTheApiMovesThePrecisionChart() {
        List<Double> before = precisionSeries();
        assertThat(before).isNotEmpty().allMatch(v -> v == null);
        verdict(alerts.get(0), "false_positive");
        List<Double> afterFp = precisionSeries();
        assertThat(afterFp.stream().filter(v -> v != null).toList()).containsExactly(0.0);
        assertThat(analyst.driver.findElement(By.id("precision-overall")).getText()).isEqualTo("0.0%");
        verdict(alerts.get(1), "true_positive");
        List<Double> afterTp = precisionSeries();
        // both verdicts in one minute: 0.5 there; across a minute's turn: 0 then 1
        assertThat(afterTp.stream().filter(v -> v != null).toList()).isIn(List.of(0.5), List.of(0.0, 1.0));
        assertThat(analyst.driver.findElement(By.id("precision-overall")).getText()).isEqualTo("50.0%");
    }
}
