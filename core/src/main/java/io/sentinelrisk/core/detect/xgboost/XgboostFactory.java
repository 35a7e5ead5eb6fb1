package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.ParamChecks;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.error.InputLocation;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import java.io.IOException;
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
                ParamSpec.ofInt("n_estimators", 100, "boosting rounds (≥ 1)"),
                ParamSpec.ofInt("max_depth", 6, "maximum tree depth (≥ 1)"),
                ParamSpec.ofDouble("learning_rate", 0.3, "shrinkage per round (eta), in (0, 1]"),
                ParamSpec.ofDouble("subsample", 1.0, "fraction of rows sampled per tree (seeded), in (0, 1]"),
                ParamSpec.ofDouble("colsample_bytree", 1.0, "fraction of features sampled per tree (seeded), in (0, 1]"),
                ParamSpec.ofDouble("min_child_weight", 1.0, "minimum sum of hessians in a child (≥ 0)"),
                ParamSpec.ofDouble("reg_lambda", 1.0, "L2 regularisation of leaf weights (≥ 0)"),
                ParamSpec.ofDouble("scale_pos_weight", 1.0, "weight of the anomaly class (> 0); "
                        + "normal rows / anomalous rows balances the classes"),
                ParamSpec.ofChoice("tree_method", "hist", "XGBoost's tree construction algorithm", "hist", "approx", "exact"),
                ParamSpec.ofInt("nthread", 0, "threads for training; 0 = the pipeline's thread count"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        ParamChecks c = ParamChecks.of(params, TYPE);
        XgboostSettings s = new XgboostSettings(
                c.intAtLeast("n_estimators", 1),
                c.intAtLeast("max_depth", 1),
                c.doubleIn("learning_rate", 0, false, 1, true),
                c.doubleIn("subsample", 0, false, 1, true),
                c.doubleIn("colsample_bytree", 0, false, 1, true),
                c.doubleAtLeast("min_child_weight", 0, true),
                c.doubleAtLeast("reg_lambda", 0, true),
                c.doubleAtLeast("scale_pos_weight", 0, false),
                params.getString("tree_method"),
                c.intAtLeast("nthread", 0),
                seed);
        return new XgboostTrainer(s);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return ((XgboostModel) model).modelBytes();
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        // XGBoost's JSON model starts with '{'; refuse anything else before it reaches native code
        if (bytes.length < 2 || bytes[0] != '{' || bytes[bytes.length - 1] != '}') {
            throw corrupt(partName, "expected an XGBoost JSON model", null);
        }
        try {
            return XgboostThread.call(() -> {
                Booster booster;
                try {
                    booster = XGBoost.loadModel(bytes);
                } catch (XGBoostError | IOException | RuntimeException e) {
                    throw corrupt(partName, "XGBoost cannot load it: " + firstLine(e.getMessage()), e);
                }
                return XgboostModel.loaded(booster, bytes);
            });
        } catch (XGBoostError e) {
            throw corrupt(partName, "XGBoost cannot read it: " + firstLine(e.getMessage()), e);
        }
    }

    private static InputException corrupt(String partName, String what, Throwable cause) {
        return new InputException(InputLocation.file(partName), "corrupt bundle part: " + what, cause);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
