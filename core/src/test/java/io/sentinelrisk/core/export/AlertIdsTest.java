package io.sentinelrisk.core.export;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
        for (int row : new int[] {0, 1, 255, 65_536, Integer.MAX_VALUE}) {
            assertThat(java.util.HexFormat.of().toHexDigits(hasher.rowKey(row))).isEqualTo(hasher.of(row, null));
        }
        assertThat(hasher.isFor("data/é.csv")).isTrue();
        assertThat(hasher.isFor("other.csv")).isFalse();
    }

    @Test
    void rowIdsAreDistinctWithinASourceAndDifferAcrossSourcesAndModels() {
        AlertIds.Hasher hasher = new AlertIds.Hasher("model-1", "a.csv");
        Set<String> seen = new HashSet<>();
        int repeated = 0;
        for (int row = 0; row < 300_000; row++) {
            repeated += seen.add(hasher.of(row, null)) ? 0 : 1;
        }
        assertThat(repeated).isZero();
        assertThat(seen).allMatch(id -> id.matches("[0-9a-f]{16}"));
        assertThat(new AlertIds.Hasher("model-1", "b.csv").of(5, null)).isNotEqualTo(hasher.of(5, null));
        assertThat(new AlertIds.Hasher("model-2", "a.csv").of(5, null)).isNotEqualTo(hasher.of(5, null));
    }

    /** Ids name alerts in analysts' verdicts: a change of these values is a change of the documented id. */
    @Test
    void idsAreTheDocumentedOnes() {
        // event key: SHA-256 of "model-1\0key\0ann", as in every release
        assertThat(AlertIds.of("model-1", "data.csv", 7, "ann")).isEqualTo("d403bafde6fc88df");
        assertThat(AlertIds.of("model-1", "data.csv", 7, null)).isEqualTo(ROW_7);
    }

    /**
     * Computed apart from this code, in Python: {@code d = sha256(b"model-1\0row\0data.csv")},
     * k0, k1 its first two big-endian 64-bit words, {@code x = 7 + k0}, MurmurHash3's fmix64, xor k1.
     */
    private static final String ROW_7 = "cd992b93fa3451f2";
}
