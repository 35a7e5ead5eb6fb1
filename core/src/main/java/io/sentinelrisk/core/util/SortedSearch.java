package io.sentinelrisk.core.util;

/** Counting searches in a sorted {@code double[]}, as numpy's {@code searchsorted}. */
public final class SortedSearch {
    private SortedSearch() {
    }

    /*
     * Branch-free binary searches: the range is halved with a conditional move instead of a jump
     * that the CPU mispredicts half the time; with values in random order that is most of the cost.
     */

    /** How many values of the sorted {@code s} are ≤ v. */
    public static int countAtMost(double[] s, double v) {
        int len = s.length;
        if (len == 0) {
            return 0;
        }
        int base = 0;
        while (len > 1) {
            int half = len >>> 1;
            base = s[base + half - 1] <= v ? base + half : base;
            len -= half;
        }
        return base + (s[base] <= v ? 1 : 0);
    }

    /** How many values of the sorted {@code s} are &lt; v. */
    public static int countBelow(double[] s, double v) {
        int len = s.length;
        if (len == 0) {
            return 0;
        }
        int base = 0;
        while (len > 1) {
            int half = len >>> 1;
            base = s[base + half - 1] < v ? base + half : base;
            len -= half;
        }
        return base + (s[base] < v ? 1 : 0);
    }

    /**
     * {@link #countBelow} and {@link #countAtMost} in one pass, packed as
     * {@code (atMost << 32) | below}: the two searches halve the same lengths, so running them
     * side by side overlaps their memory latencies.
     */
    public static long countBelowAndAtMost(double[] s, double v) {
        int len = s.length;
        if (len == 0) {
            return 0;
        }
        int below = 0;
        int atMost = 0;
        while (len > 1) {
            int half = len >>> 1;
            below = s[below + half - 1] < v ? below + half : below;
            atMost = s[atMost + half - 1] <= v ? atMost + half : atMost;
            len -= half;
        }
        below += s[below] < v ? 1 : 0;
        atMost += s[atMost] <= v ? 1 : 0;
        return ((long) atMost << 32) | below;
    }
}
