package io.sentinelrisk.core.util;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SortedSearchTest {
    @Test
    void branchFreeCountsEqualLinearCountsWithTiesAndOutOfRangeValues() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n = 0; n <= 40; n++) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = rnd.nextInt(8); // many ties
            }
            Arrays.sort(s);
            for (double v = -1.5; v <= 9; v += 0.5) {
                int atMost = 0;
                int below = 0;
                for (double t : s) {
                    atMost += t <= v ? 1 : 0;
                    below += t < v ? 1 : 0;
                }
                assertThat(SortedSearch.countAtMost(s, v)).as("n=%d v=%s", n, v).isEqualTo(atMost);
                assertThat(SortedSearch.countBelow(s, v)).as("n=%d v=%s", n, v).isEqualTo(below);
                assertThat(SortedSearch.countBelowAndAtMost(s, v)).as("n=%d v=%s", n, v)
                        .isEqualTo(((long) atMost << 32) | below);
            }
            assertThat(SortedSearch.countAtMost(s, Double.NaN)).isZero();
        }
    }
}
