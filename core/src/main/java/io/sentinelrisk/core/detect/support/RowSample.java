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
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = Arrays.copyOf(idx, max);
        Arrays.sort(out);
        return out;
    }
}
