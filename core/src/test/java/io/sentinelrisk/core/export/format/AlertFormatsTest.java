package io.sentinelrisk.core.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.export.Alert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each format's documented required fields (sources in each format's class comment), its
 * severity mapping, and that event text stays data: hostile strings come out escaped for the
 * format and, where the format keeps the alert, unchanged.
 */
class AlertFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-06T10:15:30.123456Z");

    private static JsonNode tree(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void ecsHasItsRequiredFieldsAndTheAlertSemantics() throws Exception {
        JsonNode d = tree(new EcsFormat().render(SampleAlerts.ordinary(Severity.HIGH), NOW));
        // ECS base + ecs field sets: @timestamp and ecs.version are required in every event
        assertThat(d.get("@timestamp").asText()).isEqualTo("2026-12-06T10:15:30.123Z");
        assertThat(d.at("/ecs/version").asText()).isEqualTo(EcsFormat.ECS_VERSION);
        assertThat(d.at("/event/kind").asText()).isEqualTo("alert");
        assertThat(d.at("/event/risk_score_norm").isNumber()).isTrue();
        assertThat(d.at("/event/risk_score_norm").asDouble()).isEqualTo(99.87).isBetween(0.0, 100.0);
        assertThat(d.at("/event/risk_score").asDouble()).isEqualTo(0.73);
        assertThat(d.at("/event/severity").asInt()).isEqualTo(73);
        assertThat(d.at("/event/reason").asText()).contains("bytes_out");
        assertThat(d.at("/rule/ruleset").asText()).isEqualTo("sentinelrisk");
        assertThat(d.at("/host/name").asText()).isEqualTo("ws-042");
        assertThat(d.at("/user/name").asText()).isEqualTo("alice");
        assertThat(d.at("/observer/product").asText()).isEqualTo("SentinelRisk");
        d.get("labels").fields().forEachRemaining(e -> {
            assertThat(e.getValue().isTextual()).as("labels are keywords: " + e.getKey()).isTrue();
            assertThat(e.getKey()).doesNotContain(".");
        });
        assertThat(d.at("/sentinelrisk/risk").asDouble()).isEqualTo(99.87);
        assertThat(d.at("/event/id").asText()).matches("sr-[0-9a-f]{24}");
    }

    @Test
    void ocsfIsADetectionFindingWithItsRequiredAttributes() throws Exception {
        JsonNode f = tree(new OcsfFormat().render(SampleAlerts.ordinary(Severity.CRITICAL), NOW));
        // base_event required: activity_id, category_uid, class_uid, type_uid, severity_id, time, metadata
        for (String req : List.of("activity_id", "category_uid", "class_uid", "type_uid", "severity_id", "time")) {
            assertThat(f.get(req)).as(req).isNotNull();
            assertThat(f.get(req).isIntegralNumber()).as(req).isTrue();
        }
        assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(f.get("category_uid").asInt()).isEqualTo(2);
        assertThat(f.get("type_uid").asInt()).isEqualTo(2004 * 100 + f.get("activity_id").asInt());
        assertThat(f.get("time").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(f.get("severity_id").asInt()).isEqualTo(5);
        assertThat(f.at("/metadata/version").asText()).isEqualTo("1.3.0");
        assertThat(f.at("/metadata/product/name").asText()).isEqualTo("SentinelRisk");
        assertThat(f.at("/metadata/product/vendor_name").asText()).isEqualTo("SentinelRisk");
        assertThat(f.at("/metadata/product/version").isTextual()).isTrue();
        // finding required: finding_info with uid (required) and title (recommended)
        assertThat(f.at("/finding_info/uid").asText()).matches("sr-[0-9a-f]{24}");
        assertThat(f.at("/finding_info/title").asText()).contains("critical");
        assertThat(f.get("risk_score").asInt()).isEqualTo(100);
        assertThat(f.get("risk_level_id").asInt()).isEqualTo(4);
        assertThat(f.at("/observables/0/type_id").asInt()).isEqualTo(1);
        assertThat(f.at("/observables/1/value").asText()).isEqualTo("alice");
        assertThat(f.at("/unmapped/sentinelrisk/severity").asText()).isEqualTo("critical");
    }

    @ParameterizedTest
    @EnumSource(Severity.class)
    void severityMapsToEachFormatsScale(Severity s) throws Exception {
        Alert a = SampleAlerts.ordinary(s);
        int[] ocsf = {1, 3, 4, 5};
        int[] cef = {3, 5, 8, 10};
        int[] ecs = {21, 47, 73, 99};
        String[] pd = {"info", "warning", "error", "critical"};
        int i = s.ordinal();
        assertThat(tree(new OcsfFormat().render(a, NOW)).get("severity_id").asInt()).isEqualTo(ocsf[i]);
        assertThat(tree(new EcsFormat().render(a, NOW)).at("/event/severity").asInt()).isEqualTo(ecs[i]);
        assertThat(tree(new PagerDutyFormat("k").render(a, NOW)).at("/payload/severity").asText()).isEqualTo(pd[i]);
        assertThat(CefLine.parse(new CefFormat().render(a, NOW)).header().get(6)).isEqualTo(Integer.toString(cef[i]));
    }

    @Test
    void hecIsAnEventEnvelope() throws Exception {
        JsonNode e = tree(new HecFormat("sr:alert", "security").render(SampleAlerts.ordinary(Severity.MEDIUM), NOW));
        assertThat(e.get("event").isObject()).isTrue();   // the one required key
        assertThat(e.get("event").get("severity").asText()).isEqualTo("medium");
        assertThat(e.get("time").isNumber()).isTrue();
        assertThat(e.get("time").decimalValue()).isEqualByComparingTo("1796552130.123");
        assertThat(new HecFormat().render(SampleAlerts.ordinary(Severity.MEDIUM), NOW)).contains("\"time\":1796552130.123,");
        assertThat(e.get("sourcetype").asText()).isEqualTo("sr:alert");
        assertThat(e.get("index").asText()).isEqualTo("security");
        assertThat(e.get("host").asText()).isEqualTo("ws-042");
        e.get("fields").fields().forEachRemaining(f -> assertThat(f.getValue().isTextual()).as(f.getKey()).isTrue());
        assertThat(tree(new HecFormat().render(SampleAlerts.ordinary(Severity.MEDIUM), NOW)).has("index")).isFalse();
    }

    @Test
    void pagerDutyTriggerHasItsRequiredFieldsAndLimits() throws Exception {
        String longText = "x".repeat(5000);
        Alert a = SampleAlerts.hostile(longText);
        JsonNode e = tree(new PagerDutyFormat("R0UTINGKEY0123456789012345678901").render(a, NOW));
        assertThat(e.get("routing_key").asText()).isEqualTo("R0UTINGKEY0123456789012345678901");
        assertThat(e.get("event_action").asText()).isEqualTo("trigger");
        assertThat(e.get("dedup_key").asText()).hasSizeLessThanOrEqualTo(255).isEqualTo(new AlertView(a).key());
        assertThat(e.at("/payload/summary").asText()).hasSizeLessThanOrEqualTo(1024).endsWith("…");
        assertThat(e.at("/payload/source").asText()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
        assertThat(e.at("/payload/severity").asText()).isIn("critical", "error", "warning", "info");
        assertThat(e.at("/payload/custom_details/alert/source").asText()).isEqualTo(longText);
        assertThatThrownBy(() -> new PagerDutyFormat(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slackEscapesEventTextAndKeepsBlocksWithinLimits() throws Exception {
        String text = SampleAlerts.HOSTILE;
        JsonNode m = tree(new SlackFormat().render(SampleAlerts.hostile(text), NOW));
        assertThat(m.get("text").isTextual()).isTrue();
        assertThat(m.get("blocks").isArray()).isTrue();
        List<String> texts = new ArrayList<>();
        texts.add(m.get("text").asText());
        m.findValues("text").forEach(n -> {
            if (n.isTextual()) {
                texts.add(n.asText());
            }
        });
        for (String t : texts) {
            // no raw markup: every < > comes from an escape, every & starts one
            assertThat(t).doesNotContain("<", ">");
            assertThat(t.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")).doesNotContain("&");
        }
        assertThat(m.toString()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;!channel&gt;");
        for (JsonNode block : m.get("blocks")) {
            if (block.has("text")) {
                assertThat(block.at("/text/text").asText()).hasSizeLessThanOrEqualTo(3000);
            }
            if (block.has("fields")) {
                assertThat(block.get("fields").size()).isLessThanOrEqualTo(10);
                block.get("fields").forEach(f -> assertThat(f.get("text").asText()).hasSizeLessThanOrEqualTo(2000));
            }
        }
        String huge = "<&>".repeat(4000);
        JsonNode big = tree(new SlackFormat().render(SampleAlerts.hostile(huge), NOW));
        for (JsonNode block : big.get("blocks")) {
            if (block.has("text")) {
                String t = block.at("/text/text").asText();
                assertThat(t).hasSizeLessThanOrEqualTo(3000);
                assertThat(t.replaceAll("&(amp|lt|gt);", "")).doesNotContain("&", "<", ">");
            }
        }
    }

    @Test
    void slackEscapeCutsBetweenWholeEscapesAndCodePoints() {
        assertThat(SlackFormat.escape("a<b", 10)).isEqualTo("a&lt;b");
        assertThat(SlackFormat.escape("ab<cd", 5)).isEqualTo("ab…");
        assertThat(SlackFormat.escape("😀😀😀", 4)).isEqualTo("😀…");
    }

    @Test
    void cefEscapesHeaderAndExtensionSoHostileTextCannotForgeFields() {
        String text = SampleAlerts.HOSTILE;
        String line = new CefFormat().render(SampleAlerts.hostile(text), NOW);
        assertThat(line).doesNotContain("\n", "\r", "\u2028");
        CefLine cef = CefLine.parse(line);
        assertThat(cef.header()).hasSize(7);
        assertThat(cef.header().get(0)).isEqualTo("CEF:0");
        assertThat(cef.header().get(1)).isEqualTo("SentinelRisk");
        assertThat(cef.header().get(6)).isEqualTo("10");
        // the extension has exactly the keys the format writes; none came from the event
        assertThat(cef.extension().keySet()).containsExactly("rt", "externalId", "cat", "msg", "cfp1", "cfp1Label", "cfp2",
                "cfp2Label", "cs1", "cs1Label", "cs2", "cs2Label", "cs3", "cs3Label", "cn1", "cn1Label", "shost", "suser");
        // values decode back to the event's text (line breaks kept as escapes; other controls became spaces)
        String expected = text.replace("\u2028", " ");
        assertThat(cef.extension().get("cs1")).isEqualTo(expected);
        assertThat(cef.extension().get("suser")).isEqualTo(expected);
        assertThat(cef.extension().get("rt")).isEqualTo(Long.toString(NOW.toEpochMilli()));
        assertThat(CefFormat.header("a|b\\c\nd")).isEqualTo("a\\|b\\\\c d");
        assertThat(CefFormat.extension("a=b\\c\nd\re|f")).isEqualTo("a\\=b\\\\c\\nd\\re|f");
    }

    @Test
    void theKeyIsStableAndDistinguishesRecords() {
        Alert a = SampleAlerts.ordinary(Severity.HIGH);
        assertThat(new AlertView(a).key()).isEqualTo(new AlertView(SampleAlerts.ordinary(Severity.HIGH)).key());
        Alert other = SampleAlerts.of(Severity.HIGH, 99, "events.csv", "e-6", a.features(), List.of());
        assertThat(new AlertView(other).key()).isNotEqualTo(new AlertView(a).key());
    }

    @Test
    void everyJsonFormatKeepsHostileTextAsDataAndStaysOneLine() throws Exception {
        Alert a = SampleAlerts.hostile(SampleAlerts.HOSTILE);
        for (AlertFormat f : List.of(new JsonAlertFormat(), new EcsFormat(), new OcsfFormat(), new HecFormat(),
                new PagerDutyFormat("k"), new SlackFormat())) {
            String out = f.render(a, NOW);
            assertThat(out).as(f.id().id()).doesNotContain("\n", "\r");
            JsonNode n = tree(out);
            assertThat(n.isObject()).isTrue();
            JsonNode kept = switch (f.id()) {
                case JSON -> n;
                case ECS -> n.get("sentinelrisk");
                case OCSF -> n.at("/unmapped/sentinelrisk");
                case HEC -> n.get("event");
                case PAGERDUTY -> n.at("/payload/custom_details/alert");
                default -> null;
            };
            if (kept != null) {
                assertThat(kept.get("source").asText()).as(f.id().id()).isEqualTo(SampleAlerts.HOSTILE);
                assertThat(kept.at("/features/user").asText()).isEqualTo(SampleAlerts.HOSTILE);
            }
        }
    }

    @Test
    void filesAreTheJsonArrayOrOneDocumentPerLine() throws Exception {
        List<Alert> alerts = List.of(SampleAlerts.ordinary(Severity.CRITICAL), SampleAlerts.hostile(SampleAlerts.HOSTILE));
        assertThat(AlertFiles.bytes(alerts, ExportFormat.JSON, NOW)).isEqualTo(Json.bytes(alerts));
        for (ExportFormat f : List.of(ExportFormat.ECS, ExportFormat.OCSF, ExportFormat.HEC, ExportFormat.CEF)) {
            String text = new String(AlertFiles.bytes(alerts, f, NOW), StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            List<String> lines = text.lines().toList();
            assertThat(lines).as(f.id()).hasSize(2);
            if (f != ExportFormat.CEF) {
                for (String l : lines) {
                    assertThat(tree(l).isObject()).isTrue();
                }
            } else {
                assertThat(lines).allMatch(l -> l.startsWith("CEF:0|"));
            }
        }
        assertThatThrownBy(() -> AlertFiles.fileFormat(ExportFormat.SLACK)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ExportFormat.byId("OCSF")).isEqualTo(ExportFormat.OCSF);
        assertThat(ExportFormat.byId("xml")).isNull();
        assertThat(ExportFormat.fileIds()).isEqualTo("json, ecs, ocsf, cef, hec");
    }
}
