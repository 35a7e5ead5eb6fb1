package io.sentinelrisk.core.util;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The radix sort gives the very array Arrays.sort gives: the same bits in the same places. */
class DoubleSortTest {
    @Test
    void theSameBitsAsArraysSortOnEveryKindOfColumn() {
        SplittableRandom random = new SplittableRandom(5);
        double[] special = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 1.0, -1.0};
        for (int n : new int[] {0, 1, 7, DoubleSort.RADIX_FROM - 1, DoubleSort.RADIX_FROM, 1_000, 100_001}) {
            for (int kind = 0; kind < 5; kind++) {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = switch (kind) {
                        case 0 -> random.nextGaussian() * 1e3;                            // both signs, every byte varies
                        case 1 -> Math.floor(random.nextDouble() * 4_000);                 // whole numbers, like cover's counts
                        case 2 -> special[random.nextInt(special.length)];                 // zeros of both signs, infinities
                        case 3 -> 0.25 + random.nextDouble() / 2;                          // scores: one exponent or two
                        default -> {
                            double v = Double.longBitsToDouble(random.nextLong());        // any bits but NaN
                            yield Double.isNaN(v) ? -0.0 : v;
                        }
                    };
                }
                double[] expected = a.clone();
                Arrays.sort(expected);
                DoubleSort.sortNoNaN(a);
                assertThat(bits(a)).as("n %d kind %d", n, kind).isEqualTo(bits(expected));
            }
        }
    }

    @Test
    void sortedFiniteDropsNaNAndSortsTheRest() {
        double[] v = new double[2_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 7 == 0 ? Double.NaN : (i * 7919 % 1_000) - 500;
        }
        double[] expected = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        assertThat(bits(Stats.sortedFinite(v))).isEqualTo(bits(expected));
    }

    @Test
    void keysKeptFromOneSortToTheNextSortLikeFreshOnes() {
        // one pair of key arrays through sorts that grow, shrink and grow again: stale keys past n must not leak in
        SplittableRandom random = new SplittableRandom(11);
        DoubleSort.Keys keys = new DoubleSort.Keys();
        for (int n : new int[] {DoubleSort.RADIX_FROM, 5_000, 600, 3, 5_000, 20_000, DoubleSort.RADIX_FROM + 1, 20_000}) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(3) == 0 ? Math.floor(random.nextDouble() * 100) : random.nextGaussian() * 1e6;
            }
            double[] expected = a.clone();
            Arrays.sort(expected);
            double[] fresh = a.clone();
            DoubleSort.sortNoNaN(fresh);
            DoubleSort.sortNoNaN(a, keys);
            assertThat(bits(a)).as("n %d", n).isEqualTo(bits(expected)).isEqualTo(bits(fresh));
        }
    }

    @Test
    void sortedColumnsAreEachColumnsSortedFinite() {
        // the columns sorted in runs on threads, each run with one pair of key arrays: as one sort each
        SplittableRandom random = new SplittableRandom(13);
        for (int threads : new int[] {1, 2, 3}) {
            for (int count : new int[] {1, 2, 5, 10, 11}) {
                java.util.List<double[]> columns = new java.util.ArrayList<>();
                for (int c = 0; c < count; c++) {
                    double[] v = new double[1 + random.nextInt(4_000)];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian();
                    }
                    columns.add(v);
                }
                SortedColumns sorted = SortedColumns.of(columns, threads);
                for (double[] v : columns) {
                    assertThat(sorted.has(v)).isTrue();
                    double[] expected = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
                    assertThat(bits(sorted.of(v))).as("threads %d count %d", threads, count).isEqualTo(bits(expected));
                }
            }
        }
    }

    @Test
    void sortedFiniteWithoutNaNIsASortedCopy() {
        double[] v = {3, -0.0, 0.0, -1, 2};
        double[] sorted = Stats.sortedFinite(v);
        assertThat(sorted).isNotSameAs(v);
        assertThat(bits(sorted)).isEqualTo(bits(new double[] {-1, -0.0, 0.0, 2, 3}));
        assertThat(v[0]).isEqualTo(3);   // the input is left as it was
    }

    private static long[] bits(double[] a) {
        return Arrays.stream(a).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
