package io.sentinelrisk.core.detect.iforest;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;

import java.util.List;

/**
 * {@code detector.type: iforest}. Parameters are scikit-learn's; {@code contamination} is the
 * pipeline's (it sets the alert threshold by calibration) and the seed is its {@code random_state}.
 */
public final class IsolationForestFactory implements DetectorFactory {
    public static final String N_ESTIMATORS = "n_estimators";
    public static final String MAX_SAMPLES = "max_samples";
    public static final String MAX_FEATURES = "max_features";
    public static final String BOOTSTRAP = "bootstrap";

    private static final List<ParamSpec> PARAMS = List.of(
            ParamSpec.ofInt(N_ESTIMATORS, IsolationForestParams.DEFAULT_N_ESTIMATORS,
                    "Number of trees (≥ 1). More trees give steadier scores; scoring time grows linearly."),
            ParamSpec.ofNumberOr(MAX_SAMPLES, IsolationForestParams.DEFAULT_MAX_SAMPLES.describe(),
                    "Training rows each tree is grown on: auto = min(256, rows), an integer count "
                            + "(capped at the number of rows) or a fraction in (0, 1] of the rows. "
                            + "Trees grow to depth ceil(log2(max_samples)).", "auto"),
            ParamSpec.ofNumberOr(MAX_FEATURES, 1.0,
                    "Features each tree may split on, drawn per tree: an integer count (1 to the number "
                            + "of features) or a fraction in (0, 1] of them (at least one)."),
            ParamSpec.ofBoolean(BOOTSTRAP, IsolationForestParams.DEFAULT_BOOTSTRAP,
                    "Draw each tree's rows with replacement instead of without."));

    @Override
    public String type() {
        return IsolationForest.TYPE;
    }

    @Override
    public String description() {
        return "Isolation forest (Liu et al. 2008): rows that random splits isolate in few steps score high; "
                + "fast, needs no scaling.";
    }

    @Override
    public List<ParamSpec> params() {
        return PARAMS;
    }

    /** The parameters as a typed record; a ConfigException naming the parameter when one is out of range. */
    @Override
    public IsolationForestParams paramsOf(Params params) {
        return new IsolationForestParams(
                params.getInt(N_ESTIMATORS),
                MaxSamples.of(params.get(MAX_SAMPLES)),
                MaxFeatures.of(params.get(MAX_FEATURES)),
                params.getBoolean(BOOTSTRAP));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new IsolationForestTrainer(paramsOf(params), seed);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        if (!(model instanceof IsolationForest forest)) {
            throw new IllegalArgumentException("not an isolation forest: " + model.type());
        }
        return IsolationForestCodec.encode(forest);
    }

    @Override
    public IsolationForest decode(byte[] bytes, String partName) {
        return IsolationForestCodec.decode(bytes, partName);
    }
}
