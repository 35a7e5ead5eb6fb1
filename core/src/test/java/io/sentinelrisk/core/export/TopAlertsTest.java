package io.sentinelrisk.core.export;

import io.sentinelrisk.core.metrics.RankingMetrics;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class TopAlertsTest {
    @RepeatedTest(30)
    void equalsTheHeadOfAFullStableSort(RepetitionInfo info) {
        SplittableRandom r = new SplittableRandom(info.getCurrentRepetition());
        int n = r.nextInt(0, 400);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.floor(r.nextGaussian() * 5);   // many ties
        }
        int k = r.nextInt(0, 60);
        int[] expected = Arrays.copyOf(RankingMetrics.descending(s), Math.min(k, n));
        assertThat(TopAlerts.select(s, k)).containsExactly(expected);
    }
}
