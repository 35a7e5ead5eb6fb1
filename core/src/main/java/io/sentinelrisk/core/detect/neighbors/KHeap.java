package io.sentinelrisk.core.detect.neighbors;

/**
 * The best {@code k} candidates of one search, as a max-heap on a slice {@code [off, off+k)} of
 * two parallel arrays (raw distance, reference index), ordered by distance then index: a strict
 * total order, so the k kept are the same whatever order the candidates are offered in.
 */
final class KHeap {
    private KHeap() {
    }

    /** True when candidate 1 ranks after candidate 2. */
    static boolean worse(double r1, int i1, double r2, int i2) {
        return r1 > r2 || (r1 == r2 && i1 > i2);
    }

    /** Offers a candidate to a heap holding {@code size} of at most {@code k}; returns the new size. */
    static int offer(double[] raw, int[] idx, int off, int size, int k, double r, int i) {
        if (size < k) {
            int c = size;
            while (c > 0) {
                int parent = (c - 1) >>> 1;
                if (!worse(r, i, raw[off + parent], idx[off + parent])) {
                    break;
                }
                raw[off + c] = raw[off + parent];
                idx[off + c] = idx[off + parent];
                c = parent;
            }
            raw[off + c] = r;
            idx[off + c] = i;
            return size + 1;
        }
        if (worse(raw[off], idx[off], r, i)) {
            siftDown(raw, idx, off, r, i, size);
        }
        return size;
    }

    /** Puts (r, i) at the root of a heap of {@code len} and sifts it down. */
    private static void siftDown(double[] raw, int[] idx, int off, double r, int i, int len) {
        int c = 0;
        while (true) {
            int child = 2 * c + 1;
            if (child >= len) {
                break;
            }
            if (child + 1 < len && worse(raw[off + child + 1], idx[off + child + 1], raw[off + child], idx[off + child])) {
                child++;
            }
            if (!worse(raw[off + child], idx[off + child], r, i)) {
                break;
            }
            raw[off + c] = raw[off + child];
            idx[off + c] = idx[off + child];
            c = child;
        }
        raw[off + c] = r;
        idx[off + c] = i;
    }

    /** Sorts a heap of {@code size} in place, nearest first, and turns raw distances into distances. */
    static void sortAscending(double[] raw, int[] idx, int off, int size, Metric metric) {
        for (int last = size - 1; last > 0; last--) {
            double r = raw[off];
            int i = idx[off];
            siftDown(raw, idx, off, raw[off + last], idx[off + last], last);
            raw[off + last] = r;
            idx[off + last] = i;
        }
        for (int p = 0; p < size; p++) {
            raw[off + p] = metric.distance(raw[off + p]);
        }
    }
}
