package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.List;

/**
 * XGBoost's hyper-parameters, named and defaulted as in Python's {@code XGBClassifier} (the seed
 * is the pipeline's {@code random_state}).
 *
 * @param nEstimators     {@code n_estimators}: boosting rounds, ≥ 1 (default {@value #DEFAULT_N_ESTIMATORS})
 * @param maxDepth        {@code max_depth}: ≥ 1 (default {@value #DEFAULT_MAX_DEPTH})
 * @param learningRate    {@code learning_rate} (eta): in (0, 1] (default {@value #DEFAULT_LEARNING_RATE})
 * @param subsample       {@code subsample}: in (0, 1] (default {@value #DEFAULT_SUBSAMPLE})
 * @param colsampleBytree {@code colsample_bytree}: in (0, 1] (default {@value #DEFAULT_COLSAMPLE_BYTREE})
 * @param minChildWeight  {@code min_child_weight}: ≥ 0 (default {@value #DEFAULT_MIN_CHILD_WEIGHT})
 * @param regLambda       {@code reg_lambda}: ≥ 0 (default {@value #DEFAULT_REG_LAMBDA})
 * @param scalePosWeight  {@code scale_pos_weight}: > 0 (default {@value #DEFAULT_SCALE_POS_WEIGHT})
 * @param treeMethod      {@code tree_method}: hist, approx or exact (default {@value #DEFAULT_TREE_METHOD})
 * @param nthread         {@code nthread}: training threads, 0 = the pipeline's (default {@value #DEFAULT_NTHREAD})
 */
public record XgboostParams(int nEstimators, int maxDepth, double learningRate, double subsample, double colsampleBytree,
                            double minChildWeight, double regLambda, double scalePosWeight, String treeMethod,
                            int nthread) implements DetectorParams {
    public static final int DEFAULT_N_ESTIMATORS = 100;
    public static final int DEFAULT_MAX_DEPTH = 6;
    public static final double DEFAULT_LEARNING_RATE = 0.3;
    public static final double DEFAULT_SUBSAMPLE = 1.0;
    public static final double DEFAULT_COLSAMPLE_BYTREE = 1.0;
    public static final double DEFAULT_MIN_CHILD_WEIGHT = 1.0;
    public static final double DEFAULT_REG_LAMBDA = 1.0;
    public static final double DEFAULT_SCALE_POS_WEIGHT = 1.0;
    public static final String DEFAULT_TREE_METHOD = "hist";
    public static final int DEFAULT_NTHREAD = 0;
    static final List<String> TREE_METHODS = List.of("hist", "approx", "exact");

    public static final XgboostParams DEFAULTS = new XgboostParams(DEFAULT_N_ESTIMATORS, DEFAULT_MAX_DEPTH,
            DEFAULT_LEARNING_RATE, DEFAULT_SUBSAMPLE, DEFAULT_COLSAMPLE_BYTREE, DEFAULT_MIN_CHILD_WEIGHT,
            DEFAULT_REG_LAMBDA, DEFAULT_SCALE_POS_WEIGHT, DEFAULT_TREE_METHOD, DEFAULT_NTHREAD);

    public XgboostParams {
        String t = XgboostFactory.TYPE;
        ParamChecks.intAtLeast(t, "n_estimators", nEstimators, 1);
        ParamChecks.intAtLeast(t, "max_depth", maxDepth, 1);
        ParamChecks.doubleIn(t, "learning_rate", learningRate, 0, false, 1, true);
        ParamChecks.doubleIn(t, "subsample", subsample, 0, false, 1, true);
        ParamChecks.doubleIn(t, "colsample_bytree", colsampleBytree, 0, false, 1, true);
        ParamChecks.doubleAtLeast(t, "min_child_weight", minChildWeight, 0, true);
        ParamChecks.doubleAtLeast(t, "reg_lambda", regLambda, 0, true);
        ParamChecks.doubleAtLeast(t, "scale_pos_weight", scalePosWeight, 0, false);
        if (!TREE_METHODS.contains(treeMethod)) {
            throw ParamChecks.fail(t, "tree_method", "one of " + String.join(", ", TREE_METHODS), String.valueOf(treeMethod));
        }
        ParamChecks.intAtLeast(t, "nthread", nthread, 0);
    }
}
