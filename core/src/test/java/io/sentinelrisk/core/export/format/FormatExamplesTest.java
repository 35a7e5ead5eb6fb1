package io.sentinelrisk.core.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.export.Alert;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples in docs/delivery.md are what the formatters produce: each block between
 * {@code <!-- example:NAME -->} markers is compared with the formatter's output for the sample
 * alert (a real top alert of {@code sentinel demo}, test resource demo-alert.json). Run with
 * {@code -Dsentinel.docs.update=true} to rewrite the blocks after a format changes.
 */
class FormatExamplesTest {
    static final Path DOC = Path.of("..", "docs", "delivery.md");
    static final Instant NOW = Instant.ofEpochSecond(1_796_552_130L);   // 2026-12-06T10:15:30Z, as SOURCE_DATE_EPOCH in the docs
    static final String ROUTING_KEY = "R0UT1NGKEY0000000000000000000000";
    private static final Pattern BLOCK = Pattern.compile("(<!-- example:([a-z]+) -->\\n```[a-z]*\\n)(.*?)(```\\n<!-- /example:\\2 -->)",
            Pattern.DOTALL);

    static Alert sample() throws Exception {
        try (InputStream in = FormatExamplesTest.class.getResourceAsStream("demo-alert.json")) {
            return Json.mapper().readValue(in, Alert.class);
        }
    }

    static Map<String, String> examples() throws Exception {
        Alert a = sample();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("alert", pretty(new JsonAlertFormat().render(a, NOW)));
        out.put("ecs", pretty(new EcsFormat().render(a, NOW)));
        out.put("ocsf", pretty(new OcsfFormat().render(a, NOW)));
        out.put("cef", new CefFormat().render(a, NOW) + "\n");
        out.put("hec", pretty(new HecFormat().render(a, NOW)));
        out.put("slack", pretty(new SlackFormat().render(a, NOW)));
        out.put("pagerduty", pretty(new PagerDutyFormat(ROUTING_KEY).render(a, NOW)));
        return out;
    }

    private static String pretty(String json) throws Exception {
        JsonNode n = Json.mapper().readTree(json);
        return Json.mapper().writeValueAsString(n) + "\n";
    }

    @Test
    void theDocsShowWhatTheFormattersWrite() throws Exception {
        Map<String, String> examples = examples();
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(doc);
        StringBuilder updated = new StringBuilder();
        Map<String, String> found = new LinkedHashMap<>();
        while (m.find()) {
            String name = m.group(2);
            found.put(name, m.group(3));
            String expected = examples.get(name);
            m.appendReplacement(updated, Matcher.quoteReplacement(m.group(1) + (expected == null ? m.group(3) : expected) + m.group(4)));
        }
        m.appendTail(updated);
        if (Boolean.getBoolean("sentinel.docs.update")) {
            Files.writeString(DOC, updated.toString(), StandardCharsets.UTF_8);
            return;
        }
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(examples.keySet());
        for (Map.Entry<String, String> e : examples.entrySet()) {
            assertThat(found.get(e.getKey())).as("docs/delivery.md example " + e.getKey()
                    + " (regenerate: -Dsentinel.docs.update=true)").isEqualTo(e.getValue());
        }
    }

    @Test
    void theSampleCarriesItsEventTimeIntoTheFormats() throws Exception {
        Alert a = sample();
        Instant event = Instant.parse("2024-01-13T22:42:51Z");
        assertThat(new AlertView(a).eventTime()).isEqualTo(event);
        JsonNode ecs = Json.mapper().readTree(new EcsFormat().render(a, NOW));
        assertThat(ecs.get("@timestamp").asText()).isEqualTo("2024-01-13T22:42:51Z");
        assertThat(ecs.at("/event/created").asText()).isEqualTo("2026-12-06T10:15:30Z");
        JsonNode ocsf = Json.mapper().readTree(new OcsfFormat().render(a, NOW));
        assertThat(ocsf.get("time").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(ocsf.at("/finding_info/first_seen_time").asLong()).isEqualTo(event.toEpochMilli());
        assertThat(Json.mapper().readTree(new HecFormat().render(a, NOW)).get("time").decimalValue())
                .isEqualByComparingTo(Long.toString(event.getEpochSecond()));
        assertThat(new CefFormat().render(a, NOW)).contains("|rt=" + event.toEpochMilli() + " ").doesNotContain("rt=" + NOW.toEpochMilli());
    }
}
