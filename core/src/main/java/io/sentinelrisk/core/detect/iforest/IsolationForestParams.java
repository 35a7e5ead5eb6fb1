package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.Objects;

/**
 * The hyper-parameters of an isolation forest, named and defaulted as scikit-learn's
 * {@code IsolationForest}. {@code contamination} is not here: the pipeline's calibration sets the
 * threshold; the seed is the pipeline's {@code random_state}.
 *
 * @param nEstimators {@code n_estimators}: number of trees, ≥ 1 (default {@value #DEFAULT_N_ESTIMATORS})
 * @param maxSamples  {@code max_samples}: rows per tree (default auto = min(256, n))
 * @param maxFeatures {@code max_features}: features per tree (default 1.0 = all)
 * @param bootstrap   {@code bootstrap}: draw each tree's rows with replacement (default false)
 */
public record IsolationForestParams(int nEstimators, MaxSamples maxSamples, MaxFeatures maxFeatures, boolean bootstrap)
        implements DetectorParams {
    /** Trees in the forest (scikit-learn's default). */
    public static final int DEFAULT_N_ESTIMATORS = 100;
    /** min(256, rows): the sub-sample size of the paper and of scikit-learn. */
    public static final MaxSamples DEFAULT_MAX_SAMPLES = MaxSamples.AUTO;
    /** Every feature for every tree. */
    public static final MaxFeatures DEFAULT_MAX_FEATURES = MaxFeatures.ALL;
    public static final boolean DEFAULT_BOOTSTRAP = false;

    public static final IsolationForestParams DEFAULTS = new IsolationForestParams(DEFAULT_N_ESTIMATORS,
            DEFAULT_MAX_SAMPLES, DEFAULT_MAX_FEATURES, DEFAULT_BOOTSTRAP);

    public IsolationForestParams {
        ParamChecks.intAtLeast(IsolationForest.TYPE, "n_estimators", nEstimators, 1);
        Objects.requireNonNull(maxSamples, "maxSamples");
        Objects.requireNonNull(maxFeatures, "maxFeatures");
    }

    public IsolationForestParams withNEstimators(int n) {
        return new IsolationForestParams(n, maxSamples, maxFeatures, bootstrap);
    }

    public IsolationForestParams withMaxSamples(MaxSamples m) {
        return new IsolationForestParams(nEstimators, m, maxFeatures, bootstrap);
    }

    public IsolationForestParams withMaxFeatures(MaxFeatures m) {
        return new IsolationForestParams(nEstimators, maxSamples, m, bootstrap);
    }

    public IsolationForestParams withBootstrap(boolean b) {
        return new IsolationForestParams(nEstimators, maxSamples, maxFeatures, b);
    }
}
