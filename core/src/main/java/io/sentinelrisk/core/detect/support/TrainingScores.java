package io.sentinelrisk.core.detect.support;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;

/**
 * The scores of the rows a detector was fitted on, as calibration and ensembles need them.
 * Neighbour-based detectors keep their training rows as the reference set: scored as new data,
 * each training row would find itself at distance 0. Their fit-time scores leave the row itself
 * out (as scikit-learn's {@code negative_outlier_factor_} and PyOD's {@code decision_scores_} do);
 * such detectors implement {@link LeaveOneOut}.
 */
public final class TrainingScores {
    private TrainingScores() {
    }

    /** A detector whose scores of its own training rows exclude each row from its own reference set. */
    public interface LeaveOneOut {
        /**
         * Scores {@code trainingRows}, which must be the rows the model was fitted on, in the same
         * order, leaving each row out of its own neighbourhood.
         */
        void scoreTrainingRows(Matrix trainingRows, double[] out, int threads);
    }

    /** Scores {@code x}, the matrix {@code model} was fitted on, as fit-time scores. */
    public static double[] of(FittedDetector model, Matrix x, int threads) {
        double[] out = new double[x.rows()];
        if (model instanceof LeaveOneOut loo) {
            loo.scoreTrainingRows(x, out, threads);
        } else {
            model.score(x, out, threads);
        }
        return out;
    }

    /**
     * For {@link LeaveOneOut} implementations that keep their reference rows: fails unless
     * {@code x} holds exactly those rows, in order.
     */
    public static void requireFittedRows(Matrix x, double[] referenceRows, int features) {
        if (x.cols() != features || !java.util.Arrays.equals(x.data(), referenceRows)) {
            throw new IllegalArgumentException("these are not the rows the model was fitted on");
        }
    }
}
