package io.sentinelrisk.core.detect.randomforest;

/** Sorts a range of {@code keys} ascending, permuting {@code vals} alongside (no boxing, deterministic). */
final class PairSort {
    private PairSort() {
    }

    static void sort(double[] keys, int[] vals, int from, int to) {
        while (to - from > 16) {
            int mid = (from + to - 1) >>> 1;
            double a = keys[from];
            double b = keys[mid];
            double c = keys[to - 1];
            double pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
            int i = from;
            int j = to - 1;
            while (i <= j) {
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(keys, vals, i, j);
                    i++;
                    j--;
                }
            }
            // recurse into the smaller side, loop on the larger
            if (j - from < to - i) {
                sort(keys, vals, from, j + 1);
                from = i;
            } else {
                sort(keys, vals, i, to);
                to = j + 1;
            }
        }
        for (int i = from + 1; i < to; i++) {
            double k = keys[i];
            int v = vals[i];
            int j = i - 1;
            while (j >= from && keys[j] > k) {
                keys[j + 1] = keys[j];
                vals[j + 1] = vals[j];
                j--;
            }
            keys[j + 1] = k;
            vals[j + 1] = v;
        }
    }

    private static void swap(double[] k, int[] v, int i, int j) {
        double tk = k[i];
        k[i] = k[j];
        k[j] = tk;
        int tv = v[i];
        v[i] = v[j];
        v[j] = tv;
    }
}
