package io.sentinelrisk.core.detect;

import io.sentinelrisk.core.data.Matrix;

/**
 * A fitted anomaly detector: immutable and safe to share between threads. Scores are oriented
 * so that higher = more anomalous.
 */
public interface FittedDetector {
    /** The config name of the detector, e.g. {@code iforest}. */
    String type();

    /** How many prepared features a row must have. */
    int featureCount();

    /** The raw anomaly score of one prepared row (length = {@link #featureCount()}). */
    double score(double[] row);

    /**
     * Scores every row of {@code x} into {@code out} using up to {@code threads} threads. The
     * result does not depend on {@code threads}.
     */
    void score(Matrix x, double[] out, int threads);
}
