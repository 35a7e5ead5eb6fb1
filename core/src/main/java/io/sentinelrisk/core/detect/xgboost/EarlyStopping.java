package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.support.Labels;

/**
 * XGBoost's early stopping ({@code early_stopping_rounds} with an {@code eval_set} in Python): the
 * booster keeps the rounds up to the lowest log loss on held-out rows, once that loss has not
 * improved for {@code rounds} rounds, instead of a fixed {@code n_estimators}. With labels of
 * which some are wrong, the rounds past that point are the ones that learn the wrong labels.
 *
 * @param x      the held-out rows, with the training rows' columns
 * @param labels their 0/1 labels
 * @param rounds rounds without improvement before stopping, ≥ 1
 */
public record EarlyStopping(Matrix x, int[] labels, int rounds) {
    public EarlyStopping {
        if (rounds < 1) {
            throw new IllegalArgumentException("early stopping needs rounds >= 1, found " + rounds);
        }
        Labels.requireBinary(XgboostFactory.TYPE, labels, x.rows());
    }
}
