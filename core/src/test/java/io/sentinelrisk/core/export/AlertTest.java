package io.sentinelrisk.core.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTest {
    private static final Reason ODD = new Reason("bytes_out", "9000000", "median 41200", 11.937, "bytes_out is +11.9 std above normal");

    private static Map<String, Object> values() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("bytes_out", 9000000L);
        v.put("user", null);
        v.put("hour", 3);
        return v;
    }

    @Test
    void aBatchRowAndARecordScoredAloneGiveTheSameAlert() {
        ScoredBatch batch = new ScoredBatch(new double[] {0.1, 0.8}, new double[] {12.345, 99.876},
                new Severity[] {Severity.INFO, Severity.CRITICAL}, new boolean[] {false, true});
        ScoredRecord alone = new ScoredRecord(0.8, 99.876, Severity.CRITICAL, true, List.of(ODD));
        AlertOrigin origin = new AlertOrigin("0123456789abcdef", "in.csv", 1, 3L, "e-2", "u1", "2024-01-01T00:00:00Z", 1);
        assertThat(Alert.of(batch.record(1, List.of(ODD)), origin, values())).isEqualTo(Alert.of(alone, origin, values()));
    }

    @Test
    void jsonNamesOrderAndNulls() throws Exception {
        Alert info = Alert.of(new ScoredRecord(0.1, 12.345, Severity.INFO, false, List.of(ODD)),
                new AlertOrigin("0123456789abcdef", "--record", 0, null, null, null, null, null), values());
        JsonNode j = Json.mapper().readTree(Json.line(info));
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("alert_id", "row", "source", "score", "risk", "severity", "is_anomaly", "predicted_label",
                "anomaly_score", "risk_level", "risk_reason", "features", "reasons", "narrative");
        assertThat(j.get("risk").asDouble()).isEqualTo(12.35);
        assertThat(j.get("risk_reason").isNull()).isTrue();
        assertThat(j.at("/features/user").isNull()).isTrue();
        assertThat(j.at("/reasons/0/deviation").asDouble()).isEqualTo(11.94);
        assertThat(j.at("/reasons/0/direction").asText()).isEqualTo("above");

        Alert critical = Alert.of(new ScoredRecord(0.8, 99.9, Severity.CRITICAL, true, List.of(ODD)),
                new AlertOrigin("0123456789abcdef", "in.csv", 4, 6L, "e-5", null, null, 1), values());
        JsonNode c = Json.mapper().readTree(Json.line(critical));
        assertThat(c.get("line").asLong()).isEqualTo(6);
        assertThat(c.get("id").asText()).isEqualTo("e-5");
        assertThat(c.get("label").asInt()).isEqualTo(1);
        assertThat(c.has("entity")).isFalse();

        Alert placed = Alert.of(new ScoredRecord(0.8, 99.9, Severity.CRITICAL, true, List.of(ODD)),
                new AlertOrigin("0123456789abcdef", "in.csv", 1, 3L, "e-2", "u1", "2024-01-01T00:00:00Z", 1), values());
        JsonNode p = Json.mapper().readTree(Json.line(placed));
        List<String> placedNames = new ArrayList<>();
        p.fieldNames().forEachRemaining(placedNames::add);
        assertThat(placedNames.subList(0, 8)).containsExactly("alert_id", "row", "line", "source", "id", "entity", "event_time", "score");
        assertThat(p.get("entity").asText()).isEqualTo("u1");
        assertThat(p.get("event_time").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(c.get("predicted_label").asInt()).isEqualTo(1);
        assertThat(c.get("risk_level").asText()).isEqualTo("critical");
        assertThat(c.get("risk_reason").asText()).isEqualTo(critical.narrative()).contains("bytes_out");
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        Alert a = Alert.of(new ScoredRecord(0.8, 99.9, Severity.HIGH, true, List.of(ODD)),
                new AlertOrigin("0123456789abcdef", "in.csv", 4, 6L, "e-5", null, null, 0), values());
        Alert back = Json.mapper().readValue(Json.line(a), Alert.class);
        assertThat(Json.line(back)).isEqualTo(Json.line(a));
    }
}
