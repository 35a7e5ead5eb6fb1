package io.sentinelrisk.core.detect.iforest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The test helper itself, against values counted by hand. */
class RocAucTest {
    @Test
    void perfectReversedAndTiedRankings() {
        int[] y = {0, 0, 1, 1};
        assertThat(RocAuc.of(y, new double[]{0.1, 0.2, 0.3, 0.4})).isEqualTo(1.0);
        assertThat(RocAuc.of(y, new double[]{0.4, 0.3, 0.2, 0.1})).isEqualTo(0.0);
        assertThat(RocAuc.of(y, new double[]{0.5, 0.5, 0.5, 0.5})).isEqualTo(0.5);
        // pairs (pos, neg): (0.3 > 0.1) (0.3 > 0.35? no) (0.35 > 0.1) (0.35 = 0.35: half) -> 2.5 / 4
        assertThat(RocAuc.of(y, new double[]{0.1, 0.35, 0.3, 0.35})).isCloseTo(0.625, within(1e-12));
    }
}
