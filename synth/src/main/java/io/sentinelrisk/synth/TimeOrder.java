package io.sentinelrisk.synth;

import java.util.Arrays;

/** The order that sorts rows by time, ties kept in row order, through one primitive sort. */
public final class TimeOrder {
    private TimeOrder() {
    }

    /** Row indices sorted by {@code times} (any unit; the span must fit in 31 bits), stable. */
    public static int[] permutation(long[] times) {
        int n = times.length;
        long t0 = Long.MAX_VALUE;
        long t1 = Long.MIN_VALUE;
        for (long t : times) {
            t0 = Math.min(t0, t);
            t1 = Math.max(t1, t);
        }
        if (n > 0 && t1 - t0 >= (1L << 31)) {
            throw new IllegalArgumentException("time span too large to order: " + (t1 - t0));
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((times[i] - t0) << 32) | i;
        }
        Arrays.sort(keys);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (int) keys[i];
        }
        return perm;
    }
}
