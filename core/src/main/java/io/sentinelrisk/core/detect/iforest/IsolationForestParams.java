package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.config.ConfigException;

import java.util.Objects;

/**
 * The hyper-parameters of an isolation forest, named and defaulted as scikit-learn's
 * {@code IsolationForest}. {@code contamination} is not here: the pipeline's calibration sets the
 * threshold; the seed is the pipeline's {@code random_state}.
 *
 * @param nEstimators {@code n_estimators}: number of trees, ≥ 1 (default 100)
 * @param maxSamples  {@code max_samples}: rows per tree (default auto = min(256, n))
 * @param maxFeatures {@code max_features}: features per tree (default 1.0 = all)
 * @param bootstrap   {@code bootstrap}: draw each tree's rows with replacement (default false)
 */
public record IsolationForestParams(int nEstimators, MaxSamples maxSamples, MaxFeatures maxFeatures, boolean bootstrap) {
    public static final int DEFAULT_N_ESTIMATORS = 100;

    public static final IsolationForestParams DEFAULTS =
            new IsolationForestParams(DEFAULT_N_ESTIMATORS, MaxSamples.AUTO, MaxFeatures.ALL, false);

    public IsolationForestParams {
        if (nEstimators < 1) {
            throw new ConfigException("'n_estimators': expected an integer in [1, " + Integer.MAX_VALUE
                    + "], found " + nEstimators);
        }
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
