package io.sentinelrisk.core.util;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The bounded-memory summaries of the streamed report: exact while small, close and deterministic beyond. */
class StreamingSketchesTest {
    @Test
    void quantilesAreExactWhileTheValuesFit() {
        Random rnd = new Random(1);
        double[] v = new double[10_001];
        QuantileSketch q = new QuantileSketch(20_000, 64);
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
            q.add(v[i]);
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        assertThat(q.isExact()).isTrue();
        assertThat(q.quantile(0.5)).isEqualTo(Stats.quantileSorted(sorted, 0.5));
        assertThat(q.sortedValues()).isEqualTo(sorted);
    }

    @Test
    void beyondThatTheRankErrorStaysSmallAndTheAnswerIsDeterministic() {
        int n = 2_000_000;
        QuantileSketch a = new QuantileSketch(1000, QuantileSketch.DEFAULT_SAMPLE);
        QuantileSketch b = new QuantileSketch(1000, QuantileSketch.DEFAULT_SAMPLE);
        Random rnd = new Random(2);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // skewed and drifting with the order, so that a sample biased to early or late values shows
            v[i] = Math.exp(rnd.nextGaussian()) + i * 1e-6;
            a.add(v[i]);
            b.add(v[i]);
        }
        assertThat(a.isExact()).isFalse();
        Arrays.sort(v);
        for (double q : new double[] {0.01, 0.25, 0.5, 0.9, 0.99}) {
            double got = a.quantile(q);
            int rank = Arrays.binarySearch(v, got);
            if (rank < 0) {
                rank = -rank - 1;   // interpolated between two sampled values
            }
            assertThat((double) rank / n).as("rank of the %s quantile", q).isCloseTo(q, within(0.01));
            assertThat(b.quantile(q)).isEqualTo(got);
        }
    }

    @Test
    void distinctCountsAreExactThenEstimated() {
        DistinctCounter small = new DistinctCounter(1000);
        for (int i = 0; i < 5000; i++) {
            small.add("v" + (i % 700));
        }
        assertThat(small.isExact()).isTrue();
        assertThat(small.count()).isEqualTo(700);
        DistinctCounter big = new DistinctCounter(1000);
        int distinct = 300_000;
        for (int i = 0; i < 2 * distinct; i++) {
            big.add("user-" + (i % distinct));
        }
        assertThat(big.isExact()).isFalse();
        assertThat((double) big.count()).isCloseTo(distinct, within(distinct * 0.03));
    }
}
