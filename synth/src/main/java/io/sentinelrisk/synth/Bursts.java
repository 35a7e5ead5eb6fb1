package io.sentinelrisk.synth;

import java.util.SplittableRandom;

/** Splits a budget of attack rows into incidents (bursts) whose sizes lie within bounds. */
public final class Bursts {
    private Bursts() {
    }

    /**
     * Sizes in [min, max] that add up to exactly {@code total}: as few bursts as fit, each starting
     * at {@code min}, the remaining rows handed out one by one to random bursts that are not full.
     * {@code total} must be 0 or at least {@code min}.
     */
    public static int[] split(int total, int min, int max, SplittableRandom rng) {
        if (total == 0) {
            return new int[0];
        }
        if (total < min || min < 1 || max < min) {
            throw new IllegalArgumentException("cannot split " + total + " rows into bursts of " + min + "–" + max);
        }
        int bursts = (total + max - 1) / max;
        int[] sizes = new int[bursts];
        java.util.Arrays.fill(sizes, min);
        for (int extra = total - bursts * min; extra > 0; ) {
            int b = rng.nextInt(bursts);
            if (sizes[b] < max) {
                sizes[b]++;
                extra--;
            }
        }
        return sizes;
    }

    /** Shuffles {@code a} in place (Fisher–Yates). */
    public static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code k} distinct indices of [0, n), in increasing order. */
    public static int[] choose(int n, int k, SplittableRandom rng) {
        if (k > n || k < 0) {
            throw new IllegalArgumentException("cannot choose " + k + " of " + n);
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        // partial Fisher–Yates: the first k slots end up a uniform sample
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(out);
        return out;
    }
}
