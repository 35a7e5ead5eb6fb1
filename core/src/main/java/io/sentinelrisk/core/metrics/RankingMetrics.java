package io.sentinelrisk.core.metrics;

import java.util.Arrays;

/**
 * Metrics of a score ranking against binary labels (1 = anomaly), defined exactly as
 * scikit-learn defines them: {@code roc_auc_score} (ties count one half),
 * {@code average_precision_score} (precision at each distinct threshold weighted by the recall
 * step) and precision@k (the k highest scores; ties broken by row order).
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /** ROC AUC, or NaN when the labels hold one class only. */
    public static double rocAuc(double[] scores, int[] labels) {
        check(scores, labels);
        return rank(scores).rocAuc(labels);
    }

    /** ROC AUC given {@code order = descending(scores)}, to sort once for several metrics. */
    public static double rocAuc(double[] scores, int[] labels, int[] order) {
        return new Ranking(order, keysInOrder(scores, order)).rocAuc(labels);
    }

    /** Average precision, or NaN without positives. */
    public static double averagePrecision(double[] scores, int[] labels) {
        check(scores, labels);
        return rank(scores).averagePrecision(labels);
    }

    /** Average precision given {@code order = descending(scores)}. */
    public static double averagePrecision(double[] scores, int[] labels, int[] order) {
        return new Ranking(order, keysInOrder(scores, order)).averagePrecision(labels);
    }

    /** Fraction of anomalies among the {@code k} highest scores (k clipped to n). */
    public static double precisionAtK(double[] scores, int[] labels, int k) {
        check(scores, labels);
        return precisionAtK(labels, k, descending(scores));
    }

    /** Precision@k given {@code order = descending(scores)}. */
    public static double precisionAtK(int[] labels, int k, int[] order) {
        int kk = Math.min(k, order.length);
        if (kk <= 0) {
            return Double.NaN;
        }
        long tp = 0;
        for (int i = 0; i < kk; i++) {
            tp += labels[order[i]];
        }
        return (double) tp / kk;
    }

    private static long[] keysInOrder(double[] scores, int[] order) {
        long[] keys = new long[order.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = descendingKey(scores[order[i]]);
        }
        return keys;
    }

    /**
     * Scores ranked highest first: {@code order} the rows (as {@link #descending}), {@code keys}
     * their {@link #descendingKey}s in that order, equal exactly when the scores are equal (both
     * zeros one key; NaN scores, last, tie with each other). The metrics walk these two arrays
     * and the labels in rank order one after the other, instead of reaching into the scores and
     * labels through the order at every step (a cache miss a row on a large input).
     */
    public record Ranking(int[] order, long[] keys) {
        /** ROC AUC, or NaN when the labels hold one class only. */
        public double rocAuc(int[] labels) {
            int n = order.length;
            int[] y = labelsInOrder(labels);
            long pos = 0;
            for (int v : y) {
                pos += v;
            }
            long neg = n - pos;
            if (pos == 0 || neg == 0) {
                return Double.NaN;
            }
            // Walk groups of tied scores from the top; each positive ranks above the negatives below
            // its group and counts half against the negatives inside it.
            double area = 0;
            long negSeen = 0;
            int i = 0;
            while (i < n) {
                int j = i;
                long p = 0;
                long q = 0;
                long k = keys[i];
                while (j < n && keys[j] == k) {
                    if (y[j] == 1) {
                        p++;
                    } else {
                        q++;
                    }
                    j++;
                }
                area += p * (neg - negSeen - q) + 0.5 * p * q;
                negSeen += q;
                i = j;
            }
            return area / ((double) pos * neg);
        }

        /** Average precision, or NaN without positives. */
        public double averagePrecision(int[] labels) {
            int n = order.length;
            int[] y = labelsInOrder(labels);
            long pos = 0;
            for (int v : y) {
                pos += v;
            }
            if (pos == 0) {
                return Double.NaN;
            }
            double ap = 0;
            long tp = 0;
            long seen = 0;
            double prevRecall = 0;
            int i = 0;
            while (i < n) {
                long k = keys[i];
                while (i < n && keys[i] == k) {
                    tp += y[i];
                    seen++;
                    i++;
                }
                double recall = (double) tp / pos;
                ap += (recall - prevRecall) * ((double) tp / seen);
                prevRecall = recall;
            }
            return ap;
        }

        /** The labels in rank order. */
        private int[] labelsInOrder(int[] labels) {
            if (labels.length != order.length) {
                throw new IllegalArgumentException(order.length + " scores but " + labels.length + " labels");
            }
            int[] y = new int[order.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = labels[order[i]];
            }
            return y;
        }
    }

    /**
     * Row indices sorted by score, highest first (NaN last); equal scores keep row order. A stable
     * radix sort of order-preserving 64-bit keys, a byte at a time from the lowest, skipping the
     * bytes every key shares (a score's sign and exponent): a few linear passes instead of a
     * merge sort's n log n comparisons through the index (the order is the same, being fixed by
     * score and row number).
     */
    public static int[] descending(double[] scores) {
        return rank(scores).order();
    }

    /** {@link #descending}'s order, with the sorted keys it leaves. */
    public static Ranking rank(double[] scores) {
        int n = scores.length;
        long[] key = new long[n];
        int[] idx = new int[n];
        int[][] counts = new int[Long.BYTES][256];
        for (int i = 0; i < n; i++) {
            key[i] = descendingKey(scores[i]);
            idx[i] = i;
        }
        io.sentinelrisk.core.util.DoubleSort.countBytes(key, counts);
        long[] key2 = new long[n];
        int[] idx2 = new int[n];
        for (int b = 0; b < Long.BYTES; b++) {
            int[] count = counts[b];
            if (n == 0 || count[(int) (key[0] >>> (8 * b)) & 0xFF] == n) {
                continue;   // every key has this byte: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < 256; d++) {   // counts to starting positions
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            int shift = 8 * b;
            for (int i = 0; i < n; i++) {   // in order: stable
                long k = key[i];
                int at = count[(int) (k >>> shift) & 0xFF]++;
                key2[at] = k;
                idx2[at] = idx[i];
            }
            long[] tk = key;
            key = key2;
            key2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        return new Ranking(idx, key);
    }

    /**
     * A key whose unsigned order is the scores' descending order: higher scores lower keys, both
     * zeros one key (they compare equal), every NaN the highest key (last).
     */
    static long descendingKey(double v) {
        if (v != v) {
            return -1L;
        }
        long bits = Double.doubleToRawLongBits(v + 0.0);   // -0.0 + 0.0 is +0.0
        long signedOrder = bits ^ ((bits >> 63) & Long.MAX_VALUE);   // signed order = the doubles' order
        return ~(signedOrder ^ Long.MIN_VALUE);   // unsigned order = the doubles' order, then reversed
    }

    private static void check(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
    }

    /** Sorted copy, for callers that need order statistics. */
    public static double[] sortedCopy(double[] values) {
        double[] c = values.clone();
        Arrays.sort(c);
        return c;
    }
}
