package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.util.StratifiedSplit;

/**
 * Confident learning applied to the training labels ({@code training_labels: confident}; "prune"
 * in cleanlab's terms): every training row gets an out-of-fold probability from a booster that
 * never learnt from it ({@value #FOLDS} stratified, seeded folds), and the rows whose label those
 * probabilities confidently contradict ({@link ThresholdRule#confidentRows}, the rule the
 * validation rows get) are left out of the final fit. A wrong label then teaches the booster
 * nothing, where otherwise the later rounds learn it.
 */
public final class LabelPruning {
    /** Folds of the out-of-fold probabilities (cleanlab's default). */
    static final int FOLDS = 5;

    private LabelPruning() {
    }

    /**
     * The rows of {@code x} to learn from: those whose label the out-of-fold probabilities do not
     * confidently contradict, in row order.
     *
     * @param trainer the booster's trainer (the one the final fit uses)
     * @param y       0/1 labels of x's rows
     */
    public static int[] keptRows(DetectorTrainer trainer, Matrix x, int[] y, long seed, int threads) {
        int anomalies = 0;
        for (int v : y) {
            anomalies += v;
        }
        if (anomalies < FOLDS || y.length - anomalies < FOLDS) {
            return java.util.stream.IntStream.range(0, y.length).toArray();   // too few to leave a fold out: keep every row
        }
        double[] p = outOfFold(trainer, x, y, seed, threads);
        boolean[] keep = ThresholdRule.confidentRows(p, y);
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        int[] rows = new int[n];
        for (int i = 0, k = 0; i < keep.length; i++) {
            if (keep[i]) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    /** Each row's probability from the booster fitted on the other folds. */
    static double[] outOfFold(DetectorTrainer trainer, Matrix x, int[] y, long seed, int threads) {
        int[] fold = StratifiedSplit.folds(y, FOLDS, seed);
        double[] p = new double[y.length];
        for (int f = 0; f < FOLDS; f++) {
            int[] fit = rowsWhere(fold, f, false);
            int[] held = rowsWhere(fold, f, true);
            double[] out = new double[held.length];
            trainer.fit(x.selectRows(fit), StratifiedSplit.select(y, fit), threads).score(x.selectRows(held), out, threads);
            for (int i = 0; i < held.length; i++) {
                p[held[i]] = out[i];
            }
        }
        return p;
    }

    private static int[] rowsWhere(int[] fold, int f, boolean in) {
        int n = 0;
        for (int v : fold) {
            n += (v == f) == in ? 1 : 0;
        }
        int[] rows = new int[n];
        for (int i = 0, k = 0; i < fold.length; i++) {
            if ((fold[i] == f) == in) {
                rows[k++] = i;
            }
        }
        return rows;
    }
}
