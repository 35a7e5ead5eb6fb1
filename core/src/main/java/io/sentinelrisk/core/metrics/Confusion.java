package io.sentinelrisk.core.metrics;

/**
 * A binary confusion matrix (positive = anomaly) and the metrics read from it.
 */
public record Confusion(long tp, long fp, long tn, long fn) {

    public static Confusion of(boolean[] predicted, int[] labels) {
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException(predicted.length + " predictions but " + labels.length + " labels");
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i]) {
                if (labels[i] == 1) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (labels[i] == 1) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    /** tp / (tp + fp); 0 when nothing was flagged (scikit-learn's zero_division=0). */
    public double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    /** tp / (tp + fn); 0 without positives. */
    public double recall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double accuracy() {
        long n = tp + fp + tn + fn;
        return n == 0 ? 0 : (double) (tp + tn) / n;
    }
}
