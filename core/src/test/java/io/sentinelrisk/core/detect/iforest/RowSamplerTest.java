package io.sentinelrisk.core.detect.iforest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class RowSamplerTest {

    @ParameterizedTest
    @CsvSource({"256, 1000000", "256, 257", "256, 256", "1, 1", "7, 10", "5000, 6000"})
    void drawsDistinctRowsInRange(int psi, int n) {
        RowSampler sampler = new RowSampler(psi);
        SplitMix64 rnd = new SplitMix64(psi * 31L + n);
        for (int trial = 0; trial < 20; trial++) {
            int[] rows = sampler.draw(n, false, rnd).clone();
            assertThat(rows).hasSize(psi);
            Arrays.sort(rows);
            assertThat(rows[0]).isGreaterThanOrEqualTo(0);
            assertThat(rows[psi - 1]).isLessThan(n);
            for (int i = 1; i < psi; i++) {
                assertThat(rows[i]).isGreaterThan(rows[i - 1]);
            }
        }
    }

    @Test
    void withoutReplacementIsUniform() {
        // 20 of 50 rows, 50_000 times: each row is drawn with probability 0.4.
        int n = 50;
        int psi = 20;
        int trials = 50_000;
        RowSampler sampler = new RowSampler(psi);
        SplitMix64 rnd = new SplitMix64(12345);
        int[] count = new int[n];
        for (int t = 0; t < trials; t++) {
            for (int r : sampler.draw(n, false, rnd)) {
                count[r]++;
            }
        }
        double expected = trials * (double) psi / n;
        double sd = Math.sqrt(trials * 0.4 * 0.6);
        for (int c : count) {
            assertThat((double) c).isBetween(expected - 5 * sd, expected + 5 * sd);
        }
    }

    @Test
    void bootstrapDrawsWithReplacement() {
        RowSampler sampler = new RowSampler(100);
        int[] rows = sampler.draw(100, true, new SplitMix64(3)).clone();
        assertThat(Arrays.stream(rows).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(rows).max().orElseThrow()).isLessThan(100);
        // 100 draws of 100 with replacement: repeats are (all but) certain
        assertThat(Arrays.stream(rows).distinct().count()).isLessThan(100);
    }

    @Test
    void nextIntIsInRangeAndCoversIt() {
        SplitMix64 rnd = new SplitMix64(8);
        boolean[] seen = new boolean[7];
        for (int i = 0; i < 1000; i++) {
            int v = rnd.nextInt(7);
            assertThat(v).isBetween(0, 6);
            seen[v] = true;
        }
        assertThat(seen).containsOnly(true);
        for (int i = 0; i < 1000; i++) {
            assertThat(rnd.nextDouble()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
        }
    }
}
