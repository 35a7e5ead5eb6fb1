package io.sentinelrisk.core.util;

import java.util.Arrays;

/**
 * Sorts doubles without NaN into the order {@link Arrays#sort(double[])} gives ({@code -0.0}
 * before {@code 0.0}), bit for bit, by a stable radix sort of order-preserving 64-bit keys, a
 * byte at a time from the lowest, skipping the bytes every key shares (whole numbers' low
 * mantissa bytes, the sign and exponent of values of one scale). On the compiler a short batch
 * run uses (C1), a few linear passes cost a fraction of a comparison sort of the 100,000-row
 * columns training sorts (the drift profile's percentiles, the training scores).
 */
public final class DoubleSort {
    /** Below this many values the comparison sort wins (the radix sort's 2 KiB of counts per byte). */
    static final int RADIX_FROM = 512;

    private DoubleSort() {
    }

    /**
     * The radix sort's two arrays of keys, kept for the next sort: a caller sorting several
     * columns in turn allocates them once (two 800 KB arrays a 100,000-row column otherwise).
     * Not to be shared between threads.
     */
    public static final class Keys {
        private static final long[] NONE = {};
        private long[] key = NONE;
        private long[] other = NONE;

        private void ensure(int n) {
            if (key.length < n) {
                key = new long[n];
                other = new long[n];
            }
        }
    }

    /** Sorts {@code a}, which holds no NaN, in place. */
    public static void sortNoNaN(double[] a) {
        sortNoNaN(a, a.length < RADIX_FROM ? null : new Keys());
    }

    /** Sorts {@code a}, which holds no NaN, in place, with {@code keys}' arrays (grown when short). */
    public static void sortNoNaN(double[] a, Keys keys) {
        int n = a.length;
        if (n < RADIX_FROM) {
            Arrays.sort(a);
            return;
        }
        keys.ensure(n);
        long[] key = keys.key;
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToRawLongBits(a[i]);
            // signed order = the doubles' order (-0.0 below 0.0); then unsigned order, for the byte buckets
            long k = (bits ^ ((bits >> 63) & Long.MAX_VALUE)) ^ Long.MIN_VALUE;
            key[i] = k;
        }
        key = sortUnsigned(key, keys.other, n);
        for (int i = 0; i < n; i++) {
            long signed = key[i] ^ Long.MIN_VALUE;
            a[i] = Double.longBitsToDouble(signed ^ ((signed >> 63) & Long.MAX_VALUE));
        }
    }

    /**
     * Sorts the first {@code n} keys of {@code key} as unsigned numbers, byte by byte from the
     * lowest (a least-significant-digit radix sort), moving them between {@code key} and
     * {@code other} (as long): returns whichever of the two holds them sorted. A byte that every
     * key shares takes no pass.
     */
    public static long[] sortUnsigned(long[] key, long[] other, int n) {
        int[][] counts = new int[Long.BYTES][256];
        countBytes(key, n, counts);
        for (int b = 0; b < Long.BYTES; b++) {
            int[] count = counts[b];
            int shift = 8 * b;
            if (n == 0 || count[(int) (key[0] >>> shift) & 0xFF] == n) {
                continue;   // every key has this byte: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < 256; d++) {   // counts to starting positions
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                long k = key[i];
                other[count[(int) (k >>> shift) & 0xFF]++] = k;
            }
            long[] t = key;
            key = other;
            other = t;
        }
        return key;
    }

    /**
     * {@code counts[b][v]}: how many keys have byte {@code b} (from the lowest) equal to v. The
     * eight counts of a key written out rather than looped over: under the quick compiler the
     * loop and its row look-ups cost as much as the counting (the larger part of a sort).
     */
    public static void countBytes(long[] key, int[][] counts) {
        countBytes(key, key.length, counts);
    }

    /** {@link #countBytes(long[], int[][])} of the first {@code n} keys. */
    public static void countBytes(long[] key, int n, int[][] counts) {
        int[] c0 = counts[0];
        int[] c1 = counts[1];
        int[] c2 = counts[2];
        int[] c3 = counts[3];
        int[] c4 = counts[4];
        int[] c5 = counts[5];
        int[] c6 = counts[6];
        int[] c7 = counts[7];
        for (int i = 0; i < n; i++) {
            long k = key[i];
            c0[(int) k & 0xFF]++;
            c1[(int) (k >>> 8) & 0xFF]++;
            c2[(int) (k >>> 16) & 0xFF]++;
            c3[(int) (k >>> 24) & 0xFF]++;
            c4[(int) (k >>> 32) & 0xFF]++;
            c5[(int) (k >>> 40) & 0xFF]++;
            c6[(int) (k >>> 48) & 0xFF]++;
            c7[(int) (k >>> 56) & 0xFF]++;
        }
    }
}
