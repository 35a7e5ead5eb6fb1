package io.sentinelrisk.core.metrics;

import io.sentinelrisk.core.util.DoubleSort;

/**
 * ROC AUC, average precision and precision@k of one set of scores and 0/1 labels from a single
 * sort, the label carried in the sorted key itself: the same values, to the bit, as
 * {@link RankingMetrics.Ranking}'s (same groups of tied scores, same sums in the same order),
 * with less work at the end of a labelled run. {@link RankingMetrics#rank} sorts a 64-bit key
 * and a row index together and the metrics then fetch each row's label through the index, a
 * cache miss a row; here one {@code long} a row is sorted: {@code key << 1 | label}, where the
 * key's top bit, the score's sign, is the same for every score (the scores of a detector are all
 * of one sign), so the shift loses nothing and the label only orders rows of equal score.
 *
 * <p>Precision@k breaks ties by row order; only the group of equal scores across the k-th row
 * needs it, and one pass over the scores in row order counts its first rows.
 *
 * <p>{@link #of} returns null when the fast path does not apply (scores of both signs, NaN, a
 * label other than 0 and 1): the caller then ranks as before.
 */
final class LabelledRanking {
    /** The three metrics; NaN where undefined, as {@link RankingMetrics}. */
    record Values(double rocAuc, double averagePrecision, double precisionAtK) {
    }

    private LabelledRanking() {
    }

    /** The metrics with precision among the {@code k} highest scores, or null when the fast path does not apply. */
    static Values of(double[] scores, int[] labels, int k) {
        int n = scores.length;
        if (labels.length != n) {
            throw new IllegalArgumentException(n + " scores but " + labels.length + " labels");
        }
        long[] keys = new long[n];
        long signs = 0;   // ORs of the keys' top bits, of their complements: one of them stays 0 when all agree
        long unsigns = 0;
        int badLabels = 0;
        for (int i = 0; i < n; i++) {
            double v = scores[i];
            int y = labels[i];
            long key = RankingMetrics.descendingKey(v);
            signs |= key;
            unsigns |= ~key;
            badLabels |= y & ~1;
            keys[i] = key << 1 | (y & 1);
            if (v != v) {
                return null;
            }
        }
        if (badLabels != 0 || signs < 0 && unsigns < 0) {
            return null;
        }
        // ascending unsigned order: the scores' descending order
        keys = DoubleSort.sortUnsigned(keys, new long[n], n);
        return walk(keys, scores, labels, k);
    }

    /** One walk over the groups of equal scores, highest first: the sums of {@link RankingMetrics.Ranking}. */
    private static Values walk(long[] keys, double[] scores, int[] labels, int k) {
        int n = keys.length;
        long pos = 0;
        for (long key : keys) {
            pos += key & 1;
        }
        long neg = n - pos;
        int kk = Math.min(k, n);
        double area = 0;
        long negSeen = 0;
        double ap = 0;
        double prevRecall = 0;
        long tp = 0;
        long atK = -1;   // positives among the k first rows, once known
        int i = 0;
        while (i < n) {
            long score = keys[i] >>> 1;
            int j = i;
            long p = 0;
            while (j < n && keys[j] >>> 1 == score) {
                p += keys[j] & 1;
                j++;
            }
            long q = j - i - p;
            area += p * (neg - negSeen - q) + 0.5 * p * q;
            negSeen += q;
            if (pos > 0) {
                long seen = j;
                double recall = (double) (tp + p) / pos;
                ap += (recall - prevRecall) * ((double) (tp + p) / seen);
                prevRecall = recall;
            }
            if (atK < 0 && j >= kk && kk > 0) {
                atK = tp + firstPositives(scores, labels, keys[i], kk - i);
            }
            tp += p;
            i = j;
        }
        double auc = pos == 0 || neg == 0 ? Double.NaN : area / ((double) pos * neg);
        return new Values(auc, pos == 0 ? Double.NaN : ap, kk <= 0 ? Double.NaN : (double) atK / kk);
    }

    /** Positives among the first {@code take} rows, in row order, whose score has the (shifted) key {@code group}. */
    private static long firstPositives(double[] scores, int[] labels, long group, int take) {
        long score = group >>> 1;
        long positives = 0;
        for (int r = 0; r < scores.length && take > 0; r++) {
            if (RankingMetrics.descendingKey(scores[r]) << 1 >>> 1 == score) {
                positives += labels[r];
                take--;
            }
        }
        return positives;
    }
}
