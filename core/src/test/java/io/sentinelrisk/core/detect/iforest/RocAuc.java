package io.sentinelrisk.core.detect.iforest;

import java.util.Arrays;

/**
 * ROC AUC for tests: the probability that a random anomaly scores above a random normal row,
 * ties counting one half (the Mann–Whitney statistic, as scikit-learn's roc_auc_score).
 */
final class RocAuc {
    private RocAuc() {
    }

    static double of(int[] labels, double[] scores) {
        int n = labels.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
        double positives = 0;
        double rankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[idx[j + 1]] == scores[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1.0; // ranks are 1-based; ties share their mean rank
            for (int k = i; k <= j; k++) {
                if (labels[idx[k]] == 1) {
                    positives++;
                    rankSum += rank;
                }
            }
            i = j + 1;
        }
        double negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC AUC needs both classes");
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * negatives);
    }
}
