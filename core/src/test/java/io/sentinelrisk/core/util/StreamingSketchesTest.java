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
    void exactQuantilesAcrossChunksAreThoseOfTheSortedValues() {
        Random rnd = new Random(3);
        int chunk = QuantileSketch.CHUNK;
        for (int n : new int[] {1, 2, 15, 16, chunk - 1, chunk, chunk + 1, 3 * chunk + 7}) {
            double[] v = new double[n];
            QuantileSketch q = new QuantileSketch(n, 64);   // exactly as many as it holds
            for (int i = 0; i < n; i++) {
                // ties, both zeros and infinities: the keys must order them as a sort does
                v[i] = switch (rnd.nextInt(6)) {
                    case 0 -> -0.0;
                    case 1 -> 0.0;
                    case 2 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    case 3 -> rnd.nextInt(5);
                    default -> rnd.nextGaussian() * 1e6;
                };
                q.add(v[i]);
            }
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            assertThat(q.isExact()).as("%d values", n).isTrue();
            assertThat(q.sortedValues()).as("%d values", n).isEqualTo(sorted);
            for (double p : new double[] {0, 0.1, 0.5, 0.77, 1}) {
                assertThat(Double.doubleToRawLongBits(q.quantile(p))).as("%s-quantile of %d values", p, n)
                        .isEqualTo(Double.doubleToRawLongBits(Stats.quantileSorted(sorted, p)));
            }
            assertThat(Double.doubleToRawLongBits(q.quantile(0.5))).as("asking again")
                    .isEqualTo(Double.doubleToRawLongBits(Stats.quantileSorted(sorted, 0.5)));
        }
    }

    @Test
    void theSampleDoesNotDependOnWhenSamplingStarted() {
        // sampling replays the held values from the first: any exact limit below the count gives the same sample
        int n = 5 * QuantileSketch.CHUNK + 3;
        int[] limits = {0, 16, QuantileSketch.CHUNK - 1, QuantileSketch.CHUNK, 2 * QuantileSketch.CHUNK + 1, n - 1};
        QuantileSketch[] s = new QuantileSketch[limits.length];
        for (int i = 0; i < limits.length; i++) {
            s[i] = new QuantileSketch(limits[i], 1000);
        }
        Random rnd = new Random(4);
        for (int i = 0; i < n; i++) {
            double x = rnd.nextInt(3) == 0 ? -0.0 : rnd.nextGaussian();
            for (QuantileSketch q : s) {
                q.add(x);
            }
        }
        for (double p : new double[] {0.1, 0.5, 0.9}) {
            for (QuantileSketch q : s) {
                assertThat(q.isExact()).isFalse();
                assertThat(Double.doubleToRawLongBits(q.quantile(p))).isEqualTo(Double.doubleToRawLongBits(s[0].quantile(p)));
            }
        }
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
