package io.sentinelrisk.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConfusionMatrixImageTest {
    @Test
    void sharesNeverRoundAFewRowsAwayOrAlmostAllToEverything() {
        assertThat(ConfusionMatrixImage.percent(0)).isEqualTo("0.0%");
        assertThat(ConfusionMatrixImage.percent(2.0 / 7920)).isEqualTo("<0.1%");
        assertThat(ConfusionMatrixImage.percent(7918.0 / 7920)).isEqualTo(">99.9%");
        assertThat(ConfusionMatrixImage.percent(1)).isEqualTo("100.0%");
        assertThat(ConfusionMatrixImage.percent(0.2826)).isEqualTo("28.3%");
    }
}
