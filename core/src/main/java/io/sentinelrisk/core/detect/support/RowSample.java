package io.sentinelrisk.core.detect.support;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded samples of row indices without replacement, as detectors that fit on a subset draw them. */
public final class RowSample {
    private RowSample() {
    }

    /**
     * Row indices of a seeded sample of {@code max} of {@code n} rows without replacement,
     * ascending (a partial Fisher-Yates shuffle); all rows {@code 0..n-1} when {@code n ≤ max}.
     */
    public static int[] of(int n, int max, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (n <= max) {
            return idx;
        }
        return pick(idx, max, new SplittableRandom(seed));
    }

    /**
     * {@code k} of the values in {@code pool} (at most its length), drawn without replacement with
     * {@code rnd}, ascending: a partial Fisher-Yates shuffle of {@code pool} in place, which takes
     * one {@code nextInt} of {@code rnd} per value drawn, in order.
     */
    public static int[] pick(int[] pool, int k, SplittableRandom rnd) {
        int n = pool.length;
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] out = Arrays.copyOf(pool, k);
        Arrays.sort(out);
        return out;
    }
}
