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
        return rocAuc(scores, labels, descending(scores));
    }

    /** ROC AUC given {@code order = descending(scores)}, to sort once for several metrics. */
    public static double rocAuc(double[] scores, int[] labels, int[] order) {
        int n = scores.length;
        long pos = 0;
        for (int y : labels) {
            pos += y;
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
            double s = scores[order[i]];
            while (j < n && scores[order[j]] == s) {
                if (labels[order[j]] == 1) {
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
    public static double averagePrecision(double[] scores, int[] labels) {
        check(scores, labels);
        return averagePrecision(scores, labels, descending(scores));
    }

    /** Average precision given {@code order = descending(scores)}. */
    public static double averagePrecision(double[] scores, int[] labels, int[] order) {
        int n = scores.length;
        long pos = 0;
        for (int y : labels) {
            pos += y;
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
            double s = scores[order[i]];
            while (i < n && scores[order[i]] == s) {
                tp += labels[order[i]];
                seen++;
                i++;
            }
            double recall = (double) tp / pos;
            ap += (recall - prevRecall) * ((double) tp / seen);
            prevRecall = recall;
        }
        return ap;
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

    /**
     * Row indices sorted by score, highest first; equal scores keep row order. Primitive sort
     * of (score, index) pairs packed so that no boxing happens.
     */
    public static int[] descending(double[] scores) {
        int n = scores.length;
        // Sort indices by score with a primitive merge of index arrays: stable and allocation-light.
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        mergeSort(idx, tmp, 0, n, scores);
        return idx;
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, double[] s) {
        if (to - from < 24) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && before(s, v, a[j])) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, s);
        mergeSort(a, tmp, mid, to, s);
        if (!before(s, a[mid], a[mid - 1])) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            a[k++] = before(s, tmp[j], tmp[i]) ? tmp[j++] : tmp[i++];
        }
        while (i < mid) {
            a[k++] = tmp[i++];
        }
        while (j < to) {
            a[k++] = tmp[j++];
        }
    }

    /** True when row x sorts strictly before row y: higher score (NaN last). */
    private static boolean before(double[] s, int x, int y) {
        double a = s[x];
        double b = s[y];
        if (Double.isNaN(a)) {
            return false;
        }
        return Double.isNaN(b) || a > b;
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
