package io.sentinelrisk.core.util;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SelectionTest {
    /** Columns of the shapes training meets: continuous, few distinct values, signed zeros, NaNs, infinities, sorted runs. */
    private static double[] column(int kind, int n, SplittableRandom random) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (kind) {
                case 0 -> random.nextGaussian();
                case 1 -> random.nextInt(4);
                case 2 -> random.nextBoolean() ? 0.0 : -0.0;
                case 3 -> random.nextInt(10) == 0 ? Double.NaN : random.nextInt(5) == 0 ? Double.NEGATIVE_INFINITY : random.nextDouble() - 0.5;
                case 4 -> i;
                case 5 -> n - i;
                case 6 -> random.nextInt(3000) * (random.nextInt(7) == 0 ? -1 : 1);   // counts with ties, as cover's
                case 7 -> random.nextInt(5) == 0 ? 7 : random.nextInt(9) == 0 ? -0.0 : random.nextInt(40) - 20.5;
                default -> random.nextInt(20) == 0 ? Double.NaN : random.nextGaussian() * 1e300;   // deviations may overflow
            };
        }
        return v;
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    @Test
    void quantilesAreBitForBitThoseOfTheSortedColumn() {
        SplittableRandom random = new SplittableRandom(11);
        double[] qs = {0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.99, 1, 1.0 / 3};
        for (int kind = 0; kind < 9; kind++) {
            for (int n : new int[] {1, 2, 3, 4, 25, 26, 1000, 100_001}) {
                double[] values = column(kind, n, random);
                double[] sorted = Stats.sortedFinite(values);
                Selection s = Selection.ofFinite(values);
                assertThat(s.size()).isEqualTo(sorted.length);
                for (double q : qs) {
                    assertThat(bits(s.quantile(q))).as("kind %d n %d q %s", kind, n, q)
                            .isEqualTo(bits(Stats.quantileSorted(sorted, q)));
                }
                if (sorted.length > 0) {
                    assertThat(bits(s.min())).isEqualTo(bits(sorted[0]));
                    assertThat(bits(s.max())).isEqualTo(bits(sorted[sorted.length - 1]));
                    assertThat(s.sorted()).isEqualTo(sorted);
                }
                assertThat(bits(Stats.robustScale(Selection.ofFinite(values)))).as("robust scale kind %d n %d", kind, n)
                        .isEqualTo(bits(Stats.robustScale(sorted)));
            }
        }
    }

    /** The median deviation of the linear walk against sorting every deviation, on small random columns. */
    @Test
    void theMedianDeviationIsThatOfTheSortedDeviations() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 20_000; trial++) {
            int n = 1 + random.nextInt(trial % 10 == 0 ? 2_000 : 12);
            double[] values = new double[n];
            int range = 1 + random.nextInt(6);
            for (int i = 0; i < n; i++) {
                values[i] = switch (random.nextInt(6)) {
                    case 0 -> random.nextBoolean() ? 0.0 : -0.0;
                    case 1 -> random.nextDouble() * range;
                    case 2 -> random.nextInt(60) == 0 ? Double.POSITIVE_INFINITY : -random.nextInt(range);
                    case 3 -> random.nextInt(60) == 0 ? Double.NEGATIVE_INFINITY : 0.1 * random.nextInt(range);
                    default -> random.nextInt(-range, range + 1);
                };
            }
            double[] sorted = Stats.sortedFinite(values);
            double median = Stats.quantileSorted(sorted, 0.5);
            double[] dev = new double[n];
            for (int i = 0; i < n; i++) {
                dev[i] = Math.abs(sorted[i] - median);
            }
            java.util.Arrays.sort(dev);
            assertThat(bits(Stats.medianDeviation(sorted, median))).as("trial %d %s", trial, java.util.Arrays.toString(sorted))
                    .isEqualTo(bits(Stats.quantileSorted(dev, 0.5)));
            assertThat(bits(Stats.robustScale(sorted))).isEqualTo(bits(Stats.robustScale(Selection.ofFinite(values))));
        }
    }

    @Test
    void anEmptyOrAllMissingColumnHasNoQuantile() {
        assertThat(Selection.ofFinite(new double[0]).quantile(0.5)).isNaN();
        assertThat(Selection.ofFinite(new double[] {Double.NaN, Double.NaN}).quantile(0.5)).isNaN();
        assertThat(Stats.robustScale(Selection.ofFinite(new double[0]))).isZero();
    }

    @Test
    void manyEqualValuesStayFast() {
        // Quickselect that puts equal keys on one side is quadratic here; this one must not be.
        double[] values = new double[2_000_000];
        values[7] = 1;
        long start = System.nanoTime();
        assertThat(Selection.ofFinite(values).quantile(0.5)).isZero();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }
}
