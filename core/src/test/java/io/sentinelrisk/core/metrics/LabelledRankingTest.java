package io.sentinelrisk.core.metrics;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-sort metrics are RankingMetrics', to the bit, on random scores with many ties. */
class LabelledRankingTest {
    @RepeatedTest(200)
    void sameValuesAsTheRanking(RepetitionInfo info) {
        SplittableRandom rnd = new SplittableRandom(info.getCurrentRepetition());
        int n = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(5) : 1 + rnd.nextInt(3000);
        double[] s = new double[n];
        int[] y = new int[n];
        int distinct = 1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 100_000);   // few distinct scores: long runs of ties
        double sign = rnd.nextInt(3) == 0 ? -1 : 1;
        double rate = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(5) == 0 ? 1 : rnd.nextDouble() * 0.3;
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextDouble() < rate ? 1 : 0;
            s[i] = sign * (0.01 + rnd.nextInt(distinct) / (double) distinct + 0.05 * y[i] * rnd.nextInt(2));
            if (sign > 0 && rnd.nextInt(50) == 0) {
                s[i] = rnd.nextBoolean() ? 0.0 : -0.0;   // both zeros tie (and count as positive scores)
            }
        }
        int positives = 0;
        for (int v : y) {
            positives += v;
        }
        for (int k : new int[] {Math.max(1, positives), 1, n, n + 3, 1 + rnd.nextInt(n)}) {
            LabelledRanking.Values fast = LabelledRanking.of(s, y, k);
            RankingMetrics.Ranking ranking = RankingMetrics.rank(s);
            assertThat(fast).isNotNull();
            assertThat(Double.doubleToRawLongBits(fast.rocAuc())).isEqualTo(Double.doubleToRawLongBits(ranking.rocAuc(y)));
            assertThat(Double.doubleToRawLongBits(fast.averagePrecision()))
                    .isEqualTo(Double.doubleToRawLongBits(ranking.averagePrecision(y)));
            assertThat(Double.doubleToRawLongBits(fast.precisionAtK()))
                    .isEqualTo(Double.doubleToRawLongBits(RankingMetrics.precisionAtK(y, k, ranking.order())));
        }
    }

    @Test
    void leavesMixedSignsNanAndOtherLabelsToTheRanking() {
        assertThat(LabelledRanking.of(new double[] {-0.5, 0.5}, new int[] {0, 1}, 1)).isNull();
        assertThat(LabelledRanking.of(new double[] {0.5, Double.NaN}, new int[] {0, 1}, 1)).isNull();
        assertThat(LabelledRanking.of(new double[] {0.5, 0.7}, new int[] {0, 2}, 1)).isNull();
        assertThat(LabelledRanking.of(new double[] {-0.0, 0.5}, new int[] {0, 1}, 1)).isNotNull();
        assertThat(LabelledRanking.of(new double[0], new int[0], 1)).isNotNull();
    }

    @Test
    void labelledMetricsAgreeOnEitherPath() {
        double[] s = {0.3, 0.9, 0.3, 0.1, 0.9, 0.3};
        int[] y = {1, 0, 0, 1, 1, 0};
        boolean[] f = {false, true, false, false, true, false};
        LabelledMetrics fast = LabelledMetrics.of(s, f, y);
        double[] shifted = s.clone();
        shifted[3] = -0.1;   // both signs: the ranking path, same order
        LabelledMetrics slow = LabelledMetrics.of(shifted, f, y);
        assertThat(fast).isEqualTo(slow);
        assertThat(fast.rocAuc()).isEqualTo(RankingMetrics.rocAuc(s, y));
    }
}
