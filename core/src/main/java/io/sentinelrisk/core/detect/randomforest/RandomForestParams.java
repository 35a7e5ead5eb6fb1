package io.sentinelrisk.core.detect.randomforest;

import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.Objects;

/**
 * The hyper-parameters of the random forest, named and defaulted as scikit-learn's
 * {@code RandomForestClassifier}.
 *
 * @param nEstimators     {@code n_estimators}: trees, ≥ 1 (default {@value #DEFAULT_N_ESTIMATORS})
 * @param maxDepth        {@code max_depth}: ≥ 1, or {@link #MAX_DEPTH_NONE} (written {@code none}, the default)
 * @param minSamplesSplit {@code min_samples_split}: ≥ 2 (default {@value #DEFAULT_MIN_SAMPLES_SPLIT})
 * @param minSamplesLeaf  {@code min_samples_leaf}: ≥ 1 (default {@value #DEFAULT_MIN_SAMPLES_LEAF})
 * @param maxFeatures     {@code max_features}: features tried per split (default sqrt)
 * @param balanced        {@code class_weight: balanced} (default none = false)
 * @param bootstrap       {@code bootstrap}: each tree on a bootstrap sample (default {@value #DEFAULT_BOOTSTRAP})
 */
public record RandomForestParams(int nEstimators, int maxDepth, int minSamplesSplit, int minSamplesLeaf,
                                 MaxFeatures maxFeatures, boolean balanced, boolean bootstrap) implements DetectorParams {
    public static final int DEFAULT_N_ESTIMATORS = 100;
    /** {@code max_depth: none}: grow until leaves are pure or hit min_samples_leaf. */
    public static final int MAX_DEPTH_NONE = Integer.MAX_VALUE;
    public static final int DEFAULT_MAX_DEPTH = MAX_DEPTH_NONE;
    public static final int DEFAULT_MIN_SAMPLES_SPLIT = 2;
    public static final int DEFAULT_MIN_SAMPLES_LEAF = 1;
    public static final MaxFeatures DEFAULT_MAX_FEATURES = MaxFeatures.SQRT;
    public static final boolean DEFAULT_BALANCED = false;
    public static final boolean DEFAULT_BOOTSTRAP = true;

    public static final RandomForestParams DEFAULTS = new RandomForestParams(DEFAULT_N_ESTIMATORS, DEFAULT_MAX_DEPTH,
            DEFAULT_MIN_SAMPLES_SPLIT, DEFAULT_MIN_SAMPLES_LEAF, DEFAULT_MAX_FEATURES, DEFAULT_BALANCED, DEFAULT_BOOTSTRAP);

    public RandomForestParams {
        String t = RandomForestFactory.TYPE;
        ParamChecks.intAtLeast(t, "n_estimators", nEstimators, 1);
        if (maxDepth < 1) {
            throw ParamChecks.fail(t, "max_depth", "an integer ≥ 1 or none", String.valueOf(maxDepth));
        }
        ParamChecks.intAtLeast(t, "min_samples_split", minSamplesSplit, 2);
        ParamChecks.intAtLeast(t, "min_samples_leaf", minSamplesLeaf, 1);
        Objects.requireNonNull(maxFeatures, "maxFeatures");
    }
}
