package io.sentinelrisk.bench.detect;

import java.util.Arrays;
import java.util.Comparator;

/** ROC AUC and average precision as scikit-learn computes them (ties grouped). */
public final class RankMetrics {
    private RankMetrics() {
    }

    private static Integer[] descending(double[] s) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> s[i]).reversed());
        return idx;
    }

    /** Area under the ROC curve (the trapezoid over tied groups = Mann-Whitney with ties counted half). */
    public static double rocAuc(double[] s, int[] y) {
        Integer[] idx = descending(s);
        long pos = Arrays.stream(y).filter(v -> v == 1).count();
        long neg = y.length - pos;
        double tp = 0;
        double fp = 0;
        double area = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            double dtp = 0;
            double dfp = 0;
            while (j < idx.length && s[idx[j]] == s[idx[i]]) {
                if (y[idx[j]] == 1) {
                    dtp++;
                } else {
                    dfp++;
                }
                j++;
            }
            area += dfp * (tp + dtp / 2);
            tp += dtp;
            fp += dfp;
            i = j;
        }
        return area / (pos * (double) neg);
    }

    /** Σ (R_n - R_{n-1}) P_n over score thresholds (scikit-learn's average_precision_score). */
    public static double averagePrecision(double[] s, int[] y) {
        Integer[] idx = descending(s);
        long pos = Arrays.stream(y).filter(v -> v == 1).count();
        double tp = 0;
        double seen = 0;
        double ap = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            double dtp = 0;
            while (j < idx.length && s[idx[j]] == s[idx[i]]) {
                if (y[idx[j]] == 1) {
                    dtp++;
                }
                j++;
            }
            tp += dtp;
            seen += j - i;
            ap += (dtp / pos) * (tp / seen);
            i = j;
        }
        return ap;
    }
}
