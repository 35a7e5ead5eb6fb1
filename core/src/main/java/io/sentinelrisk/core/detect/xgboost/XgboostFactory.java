package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;

import java.util.List;

/**
 * {@code xgboost}: gradient-boosted trees (XGBoost4J, {@code binary:logistic}), supervised.
 * Score = the predicted anomaly probability. The bundle part is the booster in XGBoost's own
 * JSON model format, so Python's {@code xgboost.Booster(model_file=...)} can load it.
 */
public final class XgboostFactory implements DetectorFactory {
    public static final String TYPE = "xgboost";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "XGBoost gradient-boosted trees (supervised, needs labels), binary:logistic; score = anomaly probability";
    }

    @Override
    public boolean supervised() {
        return true;
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.ofInt("n_estimators", XgboostParams.DEFAULT_N_ESTIMATORS, "boosting rounds (≥ 1)"),
                ParamSpec.ofInt("max_depth", XgboostParams.DEFAULT_MAX_DEPTH, "maximum tree depth (≥ 1)"),
                ParamSpec.ofDouble("learning_rate", XgboostParams.DEFAULT_LEARNING_RATE, "shrinkage per round (eta), in (0, 1]"),
                ParamSpec.ofDouble("subsample", XgboostParams.DEFAULT_SUBSAMPLE, "fraction of rows sampled per tree (seeded), in (0, 1]"),
                ParamSpec.ofDouble("colsample_bytree", XgboostParams.DEFAULT_COLSAMPLE_BYTREE,
                        "fraction of features sampled per tree (seeded), in (0, 1]"),
                ParamSpec.ofDouble("min_child_weight", XgboostParams.DEFAULT_MIN_CHILD_WEIGHT, "minimum sum of hessians in a child (≥ 0)"),
                ParamSpec.ofDouble("reg_lambda", XgboostParams.DEFAULT_REG_LAMBDA, "L2 regularisation of leaf weights (≥ 0)"),
                ParamSpec.ofDouble("scale_pos_weight", XgboostParams.DEFAULT_SCALE_POS_WEIGHT, "weight of the anomaly class (> 0); "
                        + "normal rows / anomalous rows balances the classes"),
                new ParamSpec("tree_method", ParamSpec.Kind.CHOICE, XgboostParams.DEFAULT_TREE_METHOD,
                        "XGBoost's tree construction algorithm", XgboostParams.TREE_METHODS),
                ParamSpec.ofInt("nthread", XgboostParams.DEFAULT_NTHREAD, "threads for training; 0 = the pipeline's thread count"));
    }

    @Override
    public XgboostParams paramsOf(Params params) {
        return new XgboostParams(params.getInt("n_estimators"), params.getInt("max_depth"),
                params.getDouble("learning_rate"), params.getDouble("subsample"), params.getDouble("colsample_bytree"),
                params.getDouble("min_child_weight"), params.getDouble("reg_lambda"), params.getDouble("scale_pos_weight"),
                params.getString("tree_method"), params.getInt("nthread"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new XgboostTrainer(paramsOf(params), seed, null, null);
    }

    /**
     * A trainer with XGBoost's options beyond its parameters.
     *
     * @param monotone null, or trees monotone in some inputs: {@code monotone[j]} is 1 (the probability
     *                 never falls as input j rises), -1 (never rises) or 0 (free), one per input column
     * @param stop     null ({@code n_estimators} rounds), or the held-out rows that pick the rounds
     */
    public static DetectorTrainer trainer(XgboostParams params, long seed, int[] monotone, EarlyStopping stop) {
        return new XgboostTrainer(params, seed, monotone == null ? null : monotone.clone(), stop);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return XgboostCodec.encode(model);
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        return XgboostCodec.decode(bytes, partName);
    }
}
