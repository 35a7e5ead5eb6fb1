package io.sentinelrisk.core.util;

import java.util.Arrays;

/**
 * Exact quantiles of a column without sorting it: the values are copied once as order-preserving
 * {@code long} keys and the one or two ranks a quantile needs are found by quickselect, O(n)
 * instead of the O(n log n) of a sort. The answers are bit for bit those of
 * {@link Stats#quantileSorted}({@link Stats#sortedFinite}(values), q): the keys order doubles
 * exactly as {@link Arrays#sort(double[])} does (so -0.0 before 0.0), and the interpolation is the
 * same arithmetic on the same two order statistics.
 *
 * <p>A selection reorders the keys but keeps them the same multiset, so any number of quantiles
 * can be asked of one instance. Not thread-safe; one per column.
 */
public final class Selection {
    private static final int INSERTION = 24;

    private final long[] keys;

    private Selection(long[] keys) {
        this.keys = keys;
    }

    /** The non-NaN values of {@code values}. */
    public static Selection ofFinite(double[] values) {
        return ofFinite(values, values.length);
    }

    /** The non-NaN values of {@code values[0, length)}. */
    public static Selection ofFinite(double[] values, int length) {
        long[] k = new long[length];
        int n = 0;
        for (int i = 0; i < length; i++) {
            double v = values[i];
            if (!Double.isNaN(v)) {
                k[n++] = key(v);
            }
        }
        return new Selection(n == k.length ? k : Arrays.copyOf(k, n));
    }

    /** Values already turned into keys ({@link #key}, none of a NaN); the array is reordered, not copied. */
    static Selection ofKeys(long[] keys) {
        return new Selection(keys);
    }

    /** The number of values. */
    public int size() {
        return keys.length;
    }

    /** The q-quantile with linear interpolation (numpy's default), as {@link Stats#quantileSorted}; NaN if empty. */
    public double quantile(double q) {
        int n = keys.length;
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        double frac = pos - lo;
        select(keys, lo);
        double a = value(keys[lo]);
        double b = hi == lo ? a : value(minKey(keys, lo + 1));
        return a + (b - a) * frac;
    }

    /** The value of rank {@code k} (0-based) in sorted order. */
    public double rank(int k) {
        select(keys, k);
        return value(keys[k]);
    }

    /** The smallest value; NaN if empty. */
    public double min() {
        return keys.length == 0 ? Double.NaN : value(minKey(keys, 0));
    }

    /** The largest value; NaN if empty. */
    public double max() {
        if (keys.length == 0) {
            return Double.NaN;
        }
        long m = keys[0];
        for (long k : keys) {
            m = Math.max(m, k);
        }
        return value(m);
    }

    /** The absolute deviations {@code |x - center|} of the values, as a new selection. */
    public Selection deviations(double center) {
        long[] d = new long[keys.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = key(Math.abs(value(keys[i]) - center));
        }
        return new Selection(d);
    }

    /** The values, sorted (a new array). */
    public double[] sorted() {
        long[] k = keys.clone();
        Arrays.sort(k);
        double[] out = new double[k.length];
        for (int i = 0; i < k.length; i++) {
            out[i] = value(k[i]);
        }
        return out;
    }

    /** A key whose signed order is {@link Double#compare}'s order of non-NaN doubles. */
    static long key(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    static double value(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & Long.MAX_VALUE));
    }

    private static long minKey(long[] a, int from) {
        long m = a[from];
        for (int i = from + 1; i < a.length; i++) {
            m = Math.min(m, a[i]);
        }
        return m;
    }

    /**
     * Reorders {@code a} so that {@code a[k]} holds the key of rank k, no larger key before it and
     * no smaller one after it. Hoare partitions around a median of three (equal keys split
     * evenly, so columns of few distinct values stay linear); past a depth of about 2·log2(n)
     * the remaining range is sorted instead, which bounds the worst case at O(n log n).
     */
    static void select(long[] a, int k) {
        int lo = 0;
        int hi = a.length - 1;
        int budget = 2 * (64 - Long.numberOfLeadingZeros(a.length)) + 8;
        while (hi > lo) {
            if (hi - lo < INSERTION || budget-- == 0) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            int mid = (lo + hi) >>> 1;
            long p = median(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < p) {
                    i++;
                }
                while (a[j] > p) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;   // j < k < i: a[k] equals the pivot and is in place
            }
        }
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
