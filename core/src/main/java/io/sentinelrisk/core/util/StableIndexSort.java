package io.sentinelrisk.core.util;

/**
 * A stable bottom-up merge sort of row indices, without boxing: the one place the product orders
 * rows when equal keys must keep their original order (as Python's {@code sorted} does, which the
 * reference implementations we match rely on).
 */
public final class StableIndexSort {
    private StableIndexSort() {
    }

    /** Whether row {@code a} goes strictly before row {@code b}; equal rows answer false both ways. */
    @FunctionalInterface
    public interface Precedes {
        boolean test(int a, int b);
    }

    /** {@code order} reordered by {@code precedes}; rows neither of which precedes the other keep their order. */
    public static int[] sort(int[] order, Precedes precedes) {
        int n = order.length;
        int[] a = order.clone();
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    // Take from the right run only when it strictly precedes: keeps ties stable.
                    b[k++] = precedes.test(a[j], a[i]) ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] swap = a;
            a = b;
            b = swap;
        }
        return a;
    }

    /** The identity order 0..n-1. */
    public static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
