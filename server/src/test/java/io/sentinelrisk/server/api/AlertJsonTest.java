package io.sentinelrisk.server.api;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.Explanation;
import io.sentinelrisk.core.export.JudgeOutput;
import io.sentinelrisk.core.mapping.Business;
import io.sentinelrisk.server.TestModels;
import io.sentinelrisk.server.scoring.ActiveModel;
import io.sentinelrisk.server.scoring.RecordScoring;
import io.sentinelrisk.server.scoring.StreamedRecords;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streamed alert writer (core's {@code AlertJson}, in the server's {@link ScoreAnswer}) gives,
 * byte for byte, what the object mapper writes for the same answer: over alerts scored by a bundle
 * with a business mapping, and over alerts that set (and leave out) every optional part, with the
 * values that need escaping or special numbers.
 */
class AlertJsonTest {

    @Test
    void scoredAlertsAreWrittenAsTheMapperWritesThem() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "alert-json-");
        ActiveModel model = ActiveModel.of("v7", Bundles.read(TestModels.mappedBundle(dir, "mapped", 0.05, 3)), null, null);
        String body = "[{\"user\":\"u1\",\"timestamp\":\"2024-01-02T03:04:05Z\",\"amount\":12.5,\"hour\":3,\"country\":\"US\"},"
                + "{\"user\":\"u2\",\"amount\":250000,\"hour\":4,\"country\":\"KP\"},"
                + "{\"user\":\"u\\\"3\",\"amount\":null,\"hour\":23,\"country\":\"\u00e9\\n<script>\"}]";
        StreamedRecords.Read read = StreamedRecords.read(body.getBytes(StandardCharsets.UTF_8), model, 100);
        List<Alert> alerts = RecordScoring.score(model, read.frame(), "api", false).alerts();
        assertThat(alerts).hasSize(3);
        assertThat(alerts).anySatisfy(a -> assertThat(a.business()).isNotNull());
        assertSameAsMapper("v7", alerts);
    }

    @Test
    void everyOptionalPartIsWrittenOrLeftOutAsTheMapperDoes() throws Exception {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("amount", 12.5);
        features.put("count", 3L);
        features.put("small", 7);
        features.put("flag", true);
        features.put("country", "K\"P\u0001\u2028");
        features.put("missing", null);
        features.put("odd", Double.NaN);
        features.put("big", Double.POSITIVE_INFINITY);
        features.put("decimal", new java.math.BigDecimal("1.50"));
        Map<String, Object> compositeId = new LinkedHashMap<>();
        compositeId.put("user", "u1");
        compositeId.put("session", 42L);
        List<Explanation> reasons = List.of(
                new Explanation("amount", "12.5", 3.21, "above", "1.0 to 2.0", "amount 12.5 is high"),
                new Explanation("country", "", -0.0, "normal", null, "</script>"));
        Business business = new Business("big_amount", "high", 1000.0, "USD", 15, "Freeze the card", List.of("soc", "ciso"), "n");
        Business generic = new Business(Business.GENERIC, "low", null, "USD", null, "Watch", List.of(), null);
        JudgeOutput judge = new JudgeOutput(0.93, 1.5e-7, "fraud", List.of(new JudgeOutput.Attribution("amount", -0.1234)));
        JudgeOutput judgeNoClass = new JudgeOutput(Double.NaN, 2, null, List.of());
        List<Alert> alerts = List.of(
                new Alert("a1", 0, 12L, "api", "u1", "u1", "2024-01-02T03:04:05Z", 0.71, 87.5, "high", true, 1,
                        features, reasons, "amount is high", business, judge),
                new Alert("a2", 1, null, "api", compositeId, null, null, Double.NaN, 0, "info", false, null,
                        Map.of(), List.of(), "", generic, judgeNoClass),
                new Alert("a3", 2, null, null, 17L, "e", null, -1e-300, 1e21, "critical", true, 0,
                        Map.of("x", 1.0), List.of(), null, null, null),
                new Alert(null, Integer.MAX_VALUE, Long.MAX_VALUE, "s", 2.5, null, "t", 0.5, 50, null, false, null,
                        Map.of(), List.of(), "n", null, null));
        assertSameAsMapper("v1", alerts);
        assertSameAsMapper("v\u00fc", List.of());
    }

    private static void assertSameAsMapper(String version, List<Alert> alerts) throws Exception {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("model_version", version);
        answer.put("alerts", alerts);
        String expected = new String(JsonBodies.MAPPER.writeValueAsBytes(answer), StandardCharsets.UTF_8);
        assertThat(new String(ScoreAnswer.bytes(version, alerts), StandardCharsets.UTF_8)).isEqualTo(expected);
    }
}
