package io.sentinelrisk.report;

import io.sentinelrisk.core.evaluate.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {
    static EvaluationResult result;
    static List<Plot> plots;
    static String html;

    @BeforeAll
    static void render() {
        result = HostileData.evaluate();
        plots = EvaluationPlots.render(result);
        html = HtmlReport.render(result, plots);
    }

    @Test
    void everyDataValueIsEscaped() {
        // file name, user names (feature names, narratives), ids, scenario and column names all hold markup
        assertThat(html).doesNotContain(HostileData.SCRIPT).doesNotContain(HostileData.SCENARIO)
                .doesNotContain(HostileData.QUOTES).doesNotContain(HostileData.COLUMN);
        assertThat(html).contains(Html.escape(HostileData.SCRIPT))
                .contains(Html.escape(HostileData.SCENARIO))
                .contains(Html.escape(HostileData.COLUMN));
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        assertThat(lower).doesNotContain("<script");
        // the only tags with attributes an attacker would want are our own images
        assertThat(lower.split("<img", -1).length - 1).isEqualTo(plots.size());
        assertThat(lower.split("<img alt=\"[^\"<>]*\" src=\"data:image/png;base64,", -1).length - 1).isEqualTo(plots.size());
        // the hostile user is in the alerts' narratives, escaped
        assertThat(html).contains("user &#39;" + Html.escape(HostileData.SCRIPT) + "&#39;");
    }

    @Test
    void isSelfContained() {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">").endsWith("</html>\n");
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<link")
                .doesNotContain("url(").doesNotContain("@import");
        Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (src.find()) {
            String uri = src.group(1);
            assertThat(uri).startsWith("data:image/png;base64,");
            byte[] png = Base64.getDecoder().decode(uri.substring("data:image/png;base64,".length()));
            assertThat(png).isEqualTo(plots.get(images).png());
            images++;
        }
        assertThat(images).isEqualTo(plots.size());
    }

    @Test
    void holdsTheMetricsScenariosAndTopAlertsOfEveryDetector() {
        for (var d : result.detectors()) {
            assertThat(html).contains("<h2 id=\"" + d.name() + "\">" + d.name() + "</h2>")
                    .contains("Top " + d.topAlerts().size() + " alerts of " + d.name())
                    .contains(String.format(java.util.Locale.ROOT, "%.3f", d.rocAuc()));
            for (var a : d.topAlerts()) {
                assertThat(html).contains(Html.escape(a.narrative()));
            }
        }
        assertThat(html).contains("Recall per scenario").contains("SHAP: ");
        // one row per detector in the metrics table
        assertThat(html.split("<tr><td>", -1).length - 1).isGreaterThanOrEqualTo(result.detectors().size());
    }

    @Test
    void writesAtomically(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("out/report.html");
        HtmlReport.write(target, result, plots);
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(HtmlReport.render(result, plots));
    }
}
