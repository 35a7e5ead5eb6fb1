package io.sentinelrisk.core.detect.randomforest;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.List;

/**
 * {@code random_forest}: a supervised random forest of CART trees (Gini), with scikit-learn's
 * {@code RandomForestClassifier} parameters. Score = the predicted probability of the anomaly class.
 */
public final class RandomForestFactory implements DetectorFactory {
    public static final String TYPE = "random_forest";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "Random forest classifier (supervised, needs labels): Gini CART trees on bootstrap samples; score = anomaly probability";
    }

    @Override
    public boolean supervised() {
        return true;
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.ofInt("n_estimators", RandomForestParams.DEFAULT_N_ESTIMATORS, "number of trees (≥ 1)"),
                ParamSpec.ofNumberOr("max_depth", "none", "maximum tree depth (≥ 1), or none: grow until leaves are "
                        + "pure or hit min_samples_leaf", "none"),
                ParamSpec.ofInt("min_samples_split", RandomForestParams.DEFAULT_MIN_SAMPLES_SPLIT, "a node with fewer rows is not split (≥ 2)"),
                ParamSpec.ofInt("min_samples_leaf", RandomForestParams.DEFAULT_MIN_SAMPLES_LEAF, "every leaf keeps at least this many rows (≥ 1)"),
                ParamSpec.ofNumberOr("max_features", RandomForestParams.DEFAULT_MAX_FEATURES.rule(), "features tried per split: sqrt or log2 of the feature "
                        + "count, an integer count, a fraction in (0, 1] written with a decimal point, or none = all",
                        "sqrt", "log2", "none"),
                ParamSpec.ofChoice("class_weight", "none", "none: every row weighs 1; balanced: a row weighs "
                        + "n / (2 × training rows of its class), as scikit-learn's class_weight='balanced'", "none", "balanced"),
                ParamSpec.ofBoolean("bootstrap", RandomForestParams.DEFAULT_BOOTSTRAP, "fit each tree on a bootstrap sample (else on all rows)"));
    }

    @Override
    public RandomForestParams paramsOf(Params params) {
        int maxDepth = RandomForestParams.MAX_DEPTH_NONE;
        if (params.get("max_depth") instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1) {
                throw ParamChecks.fail(TYPE, "max_depth", "an integer ≥ 1 or none", ParamChecks.fmt(n.doubleValue()));
            }
            maxDepth = (int) Math.min(Integer.MAX_VALUE, n.doubleValue());
        }
        return new RandomForestParams(params.getInt("n_estimators"), maxDepth, params.getInt("min_samples_split"),
                params.getInt("min_samples_leaf"), MaxFeatures.parse(params.get("max_features")),
                "balanced".equals(params.getString("class_weight")), params.getBoolean("bootstrap"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new RandomForestTrainer(paramsOf(params), seed);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return RandomForestCodec.encode(model);
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        return RandomForestCodec.decode(bytes, partName);
    }
}
