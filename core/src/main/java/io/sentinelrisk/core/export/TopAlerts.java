package io.sentinelrisk.core.export;

import java.util.Arrays;

/** Picks the rows to alert on: highest scores first, ties in row order, NaN never. */
public final class TopAlerts {
    private TopAlerts() {
    }

    /**
     * The {@code n} rows with the highest scores (fewer if there are fewer rows), best first.
     * A bounded min-heap of row indices: O(rows · log n), no sort of the whole batch.
     */
    public static int[] select(double[] scores, int n) {
        int k = Math.min(n, scores.length);
        if (k <= 0) {
            return new int[0];
        }
        int[] heap = new int[k];
        int size = 0;
        for (int row = 0; row < scores.length; row++) {
            if (Double.isNaN(scores[row])) {
                continue;
            }
            if (size < k) {
                heap[size] = row;
                siftUp(heap, size++, scores);
            } else if (better(scores, row, heap[0])) {
                heap[0] = row;
                siftDown(heap, size, scores);
            }
        }
        int[] out = Arrays.copyOf(heap, size);
        // Heap order → best first: repeatedly take the worst from the end.
        for (int end = size - 1; end > 0; end--) {
            int worst = heap[0];
            heap[0] = heap[end];
            siftDown(heap, end, scores);
            out[end] = worst;
        }
        if (size > 0) {
            out[0] = heap[0];
        }
        return out;
    }

    /** Row a ranks above row b: higher score, or the same score and an earlier row. */
    private static boolean better(double[] s, int a, int b) {
        return s[a] > s[b] || (s[a] == s[b] && a < b);
    }

    private static void siftUp(int[] heap, int i, double[] s) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!better(s, heap[parent], heap[i])) {
                break;
            }
            int t = heap[parent];
            heap[parent] = heap[i];
            heap[i] = t;
            i = parent;
        }
    }

    private static void siftDown(int[] heap, int size, double[] s) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int worst = i;
            if (l < size && better(s, heap[worst], heap[l])) {
                worst = l;
            }
            if (r < size && better(s, heap[worst], heap[r])) {
                worst = r;
            }
            if (worst == i) {
                return;
            }
            int t = heap[worst];
            heap[worst] = heap[i];
            heap[i] = t;
            i = worst;
        }
    }
}
