package io.sentinelrisk.cli;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.Explanation;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** predict's lines, written without the data binder, are the bytes the data binder wrote before. */
class PredictLinesTest {
    @Test
    void linesAreWhatTheObjectMapperWrites() throws Exception {
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("amount", 12.5);
        features.put("count", 3L);
        features.put("country", "\u00e9\n\"<x>\"");
        features.put("missing", null);
        Explanation reason = new Explanation("amount", "12.5", 3.94, "above", "median 1828", "amount is +3.9 std above normal");
        Alert plain = new Alert("975f746e985f3ea7", 0, null, "--record", null, null, null, 0.466262769341414, 67.42, "info",
                false, null, features, List.of(reason), "amount is +3.9 std above normal", null, null);
        Alert full = new Alert("0000000000000001", 7, 9L, "events.jsonl", "id-7", "u1", "2024-01-02T03:04:05Z", 0.91, 100,
                "critical", true, 1, features, List.of(reason, reason), "two reasons", null, null);
        assertThat(PredictCommand.lines(List.of(plain, full)))
                .isEqualTo(Json.line(plain) + "\n" + Json.line(full) + "\n");
        assertThat(PredictCommand.lines(List.of())).isEmpty();
    }
}
