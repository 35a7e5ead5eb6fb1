package io.sentinelrisk.core.detect;

import io.sentinelrisk.core.data.Matrix;

/**
 * A fitted model that attributes each row's score to its prepared features additively (e.g.
 * TreeSHAP): a local explanation. Explainers ask for this capability instead of naming concrete
 * models.
 */
public interface HasFeatureAttributions {
    /**
     * One row per row of {@code rows}, {@code featureCount() + 1} columns: each feature's
     * contribution, then the bias (the same for every row). A row sums to the model's raw margin
     * (for XGBoost: the log-odds of the anomaly probability).
     */
    Matrix featureAttributions(Matrix rows);
}
