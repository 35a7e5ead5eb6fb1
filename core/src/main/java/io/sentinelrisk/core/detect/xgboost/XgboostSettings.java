package io.sentinelrisk.core.detect.xgboost;

/** Validated XGBoost hyper-parameters, named as in XGBClassifier. */
record XgboostSettings(int nEstimators, int maxDepth, double learningRate, double subsample, double colsampleBytree,
                       double minChildWeight, double regLambda, double scalePosWeight, String treeMethod,
                       int nthread, long seed) {
}
