package io.sentinelrisk.bench;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Ranking quality of anomaly scores against 0/1 labels, computed as scikit-learn computes them
 * (so the side-by-side figures compare like with like): ROC AUC with tied scores sharing their
 * average rank, average precision over distinct thresholds, precision at k = number of anomalies.
 */
final class RankMetrics {
    private RankMetrics() {
    }

    /** Row indices by score, highest first; ties in row order (numpy's stable argsort of -score). */
    private static Integer[] descending(double[] score) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -score[i]));
        return idx;
    }

    static double rocAuc(int[] label, double[] score) {
        Integer[] idx = descending(score);
        int n = idx.length;
        long pos = 0;
        for (int l : label) {
            pos += l;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        // Rank 1 = lowest score; a group of ties gets the mean of its ranks.
        double rankSumPos = 0.0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && score[idx[j + 1]] == score[idx[i]]) {
                j++;
            }
            double rank = n - (i + j) / 2.0;
            for (int k = i; k <= j; k++) {
                if (label[idx[k]] == 1) {
                    rankSumPos += rank;
                }
            }
            i = j + 1;
        }
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    static double averagePrecision(int[] label, double[] score) {
        Integer[] idx = descending(score);
        int n = idx.length;
        long pos = 0;
        for (int l : label) {
            pos += l;
        }
        if (pos == 0) {
            return Double.NaN;
        }
        double ap = 0.0;
        double prevRecall = 0.0;
        long tp = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && score[idx[j]] == score[idx[i]]) {
                tp += label[idx[j]];
                j++;
            }
            double recall = (double) tp / pos;
            double precision = (double) tp / j;
            ap += (recall - prevRecall) * precision;
            prevRecall = recall;
            i = j;
        }
        return ap;
    }

    /** Share of anomalies among the k highest scores, k = number of anomalies. */
    static double precisionAtK(int[] label, double[] score) {
        int k = 0;
        for (int l : label) {
            k += l;
        }
        if (k == 0) {
            return Double.NaN;
        }
        Integer[] idx = descending(score);
        int hit = 0;
        for (int i = 0; i < k; i++) {
            hit += label[idx[i]];
        }
        return (double) hit / k;
    }
}
