package io.sentinelrisk.core.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StableIndexSortTest {

    @Test
    void ordersLikeTheJdksStableSortOfBoxedIndicesWithManyTies() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 2, 3, 17, 1000, 4097}) {
            long[] keys = random.longs(n, 0, 5).toArray(); // few distinct keys: ties everywhere
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, Comparator.comparingLong(i -> keys[i])); // stable (TimSort)
            int[] expected = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();

            int[] sorted = StableIndexSort.sort(StableIndexSort.identity(n), (a, b) -> keys[a] < keys[b]);

            assertArrayEquals(expected, sorted, "n=" + n);
        }
    }

    @Test
    void keepsTheGivenOrderOfEqualRowsNotTheirIndexOrder() {
        double[] values = {1, 3, 1, 3};
        int[] sorted = StableIndexSort.sort(new int[] {3, 2, 1, 0}, (a, b) -> values[a] > values[b]);
        assertArrayEquals(new int[] {3, 1, 2, 0}, sorted);
    }
}
