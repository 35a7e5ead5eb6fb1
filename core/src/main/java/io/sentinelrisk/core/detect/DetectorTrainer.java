package io.sentinelrisk.core.detect;

import io.sentinelrisk.core.data.Matrix;

/**
 * Holds a detector's hyper-parameters and fits it. What it returns is immutable and independent
 * of the trainer. Fitting is deterministic for a given seed, whatever {@code threads} is.
 */
public interface DetectorTrainer {
    /**
     * @param x       prepared training features, rows = samples
     * @param labels  1 = anomaly, 0 = normal, one per row; null when unlabeled. Unsupervised
     *                detectors ignore them; supervised ones fail with an
     *                {@link io.sentinelrisk.core.error.InputException} without them.
     * @param threads how many threads fitting may use (≥ 1)
     */
    FittedDetector fit(Matrix x, int[] labels, int threads);
}
