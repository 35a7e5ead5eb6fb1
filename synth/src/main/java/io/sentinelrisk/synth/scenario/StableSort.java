package io.sentinelrisk.synth.scenario;

/** A stable merge sort of row indices by a long key, without boxing. */
final class StableSort {
    private StableSort() {
    }

    /** {@code order} reordered so that keys[order[i]] is non-decreasing; equal keys keep their order. */
    static int[] byKey(int[] order, long[] keys) {
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
                    b[k++] = keys[a[j]] < keys[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
