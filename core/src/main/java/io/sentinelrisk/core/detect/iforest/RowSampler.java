package io.sentinelrisk.core.detect.iforest;

import java.util.Arrays;

/**
 * Draws a tree's ψ training rows out of n in O(ψ) time and memory, whatever n is: with
 * replacement (bootstrap) by ψ independent draws, without replacement by Floyd's algorithm over
 * a small open-addressing set. One sampler per worker thread, reused for every tree it grows.
 */
final class RowSampler {
    private static final int EMPTY = -1;
    private final int[] rows;
    private final int[] set;
    private final int mask;
    private final int shift;

    RowSampler(int psi) {
        this.rows = new int[psi];
        int capacity = Integer.highestOneBit(Math.max(4, psi * 2 - 1)) << 1;
        this.set = new int[capacity];
        this.mask = capacity - 1;
        this.shift = 32 - Integer.numberOfTrailingZeros(capacity);
    }

    /** The ψ drawn row indices (in the order drawn); the array is reused by the next call. */
    int[] draw(int n, boolean bootstrap, SplitMix64 random) {
        int psi = rows.length;
        if (bootstrap) {
            for (int i = 0; i < psi; i++) {
                rows[i] = random.nextInt(n);
            }
            return rows;
        }
        if (psi == n) {
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            return rows;
        }
        // Floyd: for j = n-ψ .. n-1 pick t in [0, j]; take t, or j if t is already taken.
        Arrays.fill(set, EMPTY);
        int k = 0;
        for (int j = n - psi; j < n; j++) {
            int t = random.nextInt(j + 1);
            rows[k++] = addIfAbsent(t) ? t : addJ(j);
        }
        return rows;
    }

    private int addJ(int j) {
        addIfAbsent(j);
        return j;
    }

    /** Adds {@code v} to the set; false when it was there already. */
    private boolean addIfAbsent(int v) {
        int h = (v * 0x9E3779B9) >>> shift; // Fibonacci hashing: the high bits
        while (true) {
            int s = set[h];
            if (s == EMPTY) {
                set[h] = v;
                return true;
            }
            if (s == v) {
                return false;
            }
            h = (h + 1) & mask;
        }
    }
}
