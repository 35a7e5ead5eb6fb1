package io.sentinelrisk.core.export;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertIdsTest {
    @Test
    void theHasherGivesTheIdsOfOf() {
        AlertIds.Hasher hasher = new AlertIds.Hasher("model-1", "data/é.csv");
        for (int row : new int[] {0, 1, 9, 10, 12_345, Integer.MAX_VALUE}) {
            assertThat(hasher.of(row, null)).isEqualTo(AlertIds.of("model-1", "data/é.csv", row, null));
        }
        Map<String, Object> composite = new LinkedHashMap<>();
        composite.put("user", "ann");
        composite.put("host", 42.0);
        assertThat(hasher.of(3, composite)).isEqualTo(AlertIds.of("model-1", "data/é.csv", 3, composite));
        assertThat(hasher.of(3, 7.0)).isEqualTo(AlertIds.of("model-1", "other.csv", 99, 7.0));
        assertThat(hasher.of(3, null)).hasSize(16).matches("[0-9a-f]{16}").isNotEqualTo(hasher.of(4, null));
        assertThat(hasher.isFor("data/é.csv")).isTrue();
        assertThat(hasher.isFor("other.csv")).isFalse();
    }
}
