package io.sentinelrisk.core.detect.kde;

import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.support.ParamChecks;

/**
 * The hyper-parameters of the Gaussian kernel density detector, named as scikit-learn's
 * {@code KernelDensity} ({@code bandwidth}) plus {@code max_train}.
 *
 * @param bandwidth {@code bandwidth}: the kernel's standard deviation h, a number > 0, or
 *                  {@link #BANDWIDTH_AUTO} (written {@code auto}, the default: chosen by held-out
 *                  log-likelihood, {@link KdeBandwidth})
 * @param maxTrain  {@code max_train}: the reference set is a seeded sample of at most this many
 *                  training rows, ≥ 2 (default {@value #DEFAULT_MAX_TRAIN})
 */
public record KdeParams(double bandwidth, int maxTrain) implements DetectorParams {
    /** {@code bandwidth: auto}. */
    public static final double BANDWIDTH_AUTO = Double.NaN;
    public static final double DEFAULT_BANDWIDTH = BANDWIDTH_AUTO;
    public static final int DEFAULT_MAX_TRAIN = 10_000;

    public static final KdeParams DEFAULTS = new KdeParams(DEFAULT_BANDWIDTH, DEFAULT_MAX_TRAIN);

    public KdeParams {
        if (!Double.isNaN(bandwidth) && !(bandwidth > 0 && Double.isFinite(bandwidth))) {
            throw ParamChecks.fail(KdeFactory.TYPE, "bandwidth", "a number > 0 or auto", ParamChecks.fmt(bandwidth));
        }
        // a training row in the reference set leaves itself out: at least one other row must remain
        ParamChecks.intAtLeast(KdeFactory.TYPE, "max_train", maxTrain, 2);
    }

    public boolean autoBandwidth() {
        return Double.isNaN(bandwidth);
    }
}
