package io.sentinelrisk.core.metrics;

/**
 * The ROC and precision–recall curves of a score ranking against binary labels (1 = anomaly),
 * point for point as scikit-learn's {@code roc_curve} (with its default
 * {@code drop_intermediate=True}) and {@code precision_recall_curve} define them: one candidate
 * threshold per distinct score, a row being flagged when its score is ≥ the threshold.
 *
 * <p>One deliberate difference: the ROC curve's first threshold (the point (0, 0), where
 * nothing is flagged) is +∞, as in scikit-learn 1.3 and later; 1.2 writes the highest score + 1
 * there.
 */
public final class Curves {
    private Curves() {
    }

    /** ROC points: false- and true-positive rates at decreasing thresholds, from (0, 0) to (1, 1). */
    public record Roc(double[] fpr, double[] tpr, double[] thresholds) {
        public int size() {
            return fpr.length;
        }
    }

    /**
     * Precision–recall points at increasing thresholds, recall decreasing; the last point is
     * precision 1, recall 0 and has no threshold ({@code thresholds.length = size() - 1}).
     */
    public record PrecisionRecall(double[] precision, double[] recall, double[] thresholds) {
        public int size() {
            return precision.length;
        }
    }

    /** {@link #roc(double[], int[], boolean)} dropping collinear points (scikit-learn's default). */
    public static Roc roc(double[] scores, int[] labels) {
        return roc(scores, labels, true);
    }

    /**
     * The ROC curve. Rates are NaN when the labels hold no negatives (fpr) or no positives (tpr).
     *
     * @param dropIntermediate leave out the points on a straight segment between their neighbours
     *                         (they change neither the plot nor the area)
     */
    public static Roc roc(double[] scores, int[] labels, boolean dropIntermediate) {
        Counts c = counts(scores, labels);
        int g = c.size;
        boolean[] keep = new boolean[g];
        int kept = 0;
        for (int i = 0; i < g; i++) {
            keep[i] = !dropIntermediate || g <= 2 || i == 0 || i == g - 1
                    || c.fps[i + 1] - 2 * c.fps[i] + c.fps[i - 1] != 0
                    || c.tps[i + 1] - 2 * c.tps[i] + c.tps[i - 1] != 0;
            if (keep[i]) {
                kept++;
            }
        }
        double[] fpr = new double[kept + 1];
        double[] tpr = new double[kept + 1];
        double[] thr = new double[kept + 1];
        thr[0] = Double.POSITIVE_INFINITY;
        long negatives = g == 0 ? 0 : c.fps[g - 1];
        long positives = g == 0 ? 0 : c.tps[g - 1];
        int at = 1;
        for (int i = 0; i < g; i++) {
            if (keep[i]) {
                fpr[at] = negatives > 0 ? (double) c.fps[i] / negatives : Double.NaN;
                tpr[at] = positives > 0 ? (double) c.tps[i] / positives : Double.NaN;
                thr[at] = c.thresholds[i];
                at++;
            }
        }
        fpr[0] = negatives > 0 ? 0 : Double.NaN;
        tpr[0] = positives > 0 ? 0 : Double.NaN;
        return new Roc(fpr, tpr, thr);
    }

    /** The precision–recall curve; without positives every recall is 1 (as scikit-learn). */
    public static PrecisionRecall precisionRecall(double[] scores, int[] labels) {
        Counts c = counts(scores, labels);
        int g = c.size;
        double[] precision = new double[g + 1];
        double[] recall = new double[g + 1];
        double[] thr = new double[g];
        long positives = g == 0 ? 0 : c.tps[g - 1];
        for (int i = 0; i < g; i++) {
            int at = g - 1 - i;   // reversed: increasing thresholds
            long flagged = c.tps[i] + c.fps[i];
            precision[at] = flagged == 0 ? 0 : (double) c.tps[i] / flagged;
            recall[at] = positives == 0 ? 1 : (double) c.tps[i] / positives;
            thr[at] = c.thresholds[i];
        }
        precision[g] = 1;
        recall[g] = 0;
        return new PrecisionRecall(precision, recall, thr);
    }

    /** Cumulative true and false positives at each distinct score, highest score first. */
    private record Counts(int size, long[] tps, long[] fps, double[] thresholds) {
    }

    private static Counts counts(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        int n = scores.length;
        int[] order = RankingMetrics.descending(scores);
        long[] tps = new long[n];
        long[] fps = new long[n];
        double[] thr = new double[n];
        int g = 0;
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < n; i++) {
            int row = order[i];
            if (labels[row] == 1) {
                tp++;
            } else {
                fp++;
            }
            // a group of equal scores ends here: one point
            if (i == n - 1 || scores[order[i + 1]] != scores[row]) {   // -0.0 ties with 0.0, as in numpy
                tps[g] = tp;
                fps[g] = fp;
                thr[g] = scores[row];
                g++;
            }
        }
        return new Counts(g, tps, fps, thr);
    }
}
