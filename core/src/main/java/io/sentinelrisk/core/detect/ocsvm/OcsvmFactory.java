package io.sentinelrisk.core.detect.ocsvm;

import io.sentinelrisk.core.config.ParamSpec;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.List;

/**
 * {@code ocsvm}: One-class SVM (Schölkopf et al., 2001) trained by LIBSVM, with scikit-learn's
 * {@code OneClassSVM} parameters and defaults. Score = {@code -decision_function}.
 */
public final class OcsvmFactory implements DetectorFactory {
    public static final String TYPE = "ocsvm";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String description() {
        return "One-class SVM (LIBSVM, scikit-learn OneClassSVM semantics), trained on a seeded sample of at most max_train rows; score = -decision_function";
    }

    @Override
    public List<ParamSpec> params() {
        return List.of(
                ParamSpec.ofChoice("kernel", OcsvmParams.DEFAULT_KERNEL.configName(), "kernel function", "rbf", "linear", "poly", "sigmoid"),
                ParamSpec.ofDouble("nu", OcsvmParams.DEFAULT_NU, "upper bound on the fraction of training rows outside the boundary "
                        + "and lower bound on the fraction of support vectors, in (0, 1]; 0.5 as scikit-learn "
                        + "(for anomaly detection a value near the expected anomaly rate, e.g. 0.01-0.1, is usual)"),
                ParamSpec.ofNumberOr("gamma", "scale", "kernel coefficient for rbf, poly and sigmoid: scale = "
                        + "1 / (n_features × variance of all training values), auto = 1 / n_features, or a number > 0",
                        "scale", "auto"),
                ParamSpec.ofInt("degree", OcsvmParams.DEFAULT_DEGREE, "degree of the poly kernel (≥ 0)"),
                ParamSpec.ofDouble("coef0", OcsvmParams.DEFAULT_COEF0, "independent term of the poly and sigmoid kernels"),
                ParamSpec.ofDouble("tol", OcsvmParams.DEFAULT_TOL, "stopping tolerance of the solver (> 0)"),
                ParamSpec.ofBoolean("shrinking", OcsvmParams.DEFAULT_SHRINKING, "use LIBSVM's shrinking heuristic"),
                ParamSpec.ofDouble("cache_size", OcsvmParams.DEFAULT_CACHE_SIZE, "kernel cache in MB (> 0)"),
                ParamSpec.ofInt("max_train", OcsvmParams.DEFAULT_MAX_TRAIN, "fit on at most this many training rows, a seeded sample "
                        + "without replacement (training time grows quadratically)"));
    }

    @Override
    public OcsvmParams paramsOf(Params params) {
        Object g = params.get("gamma");
        double gamma = OcsvmParams.GAMMA_SCALE;
        if (g instanceof Number n) {
            gamma = n.doubleValue();
            if (!(gamma > 0)) {
                throw ParamChecks.fail(TYPE, "gamma", "a number > 0, scale or auto", ParamChecks.fmt(gamma));
            }
        } else if ("auto".equals(g)) {
            gamma = OcsvmParams.GAMMA_AUTO;
        }
        return new OcsvmParams(SvmKernel.byConfigName(params.getString("kernel")), params.getDouble("nu"), gamma,
                params.getInt("degree"), params.getDouble("coef0"), params.getDouble("tol"),
                params.getBoolean("shrinking"), params.getDouble("cache_size"), params.getInt("max_train"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        return new OcsvmTrainer(paramsOf(params), seed);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        return OcsvmCodec.encode(model);
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        return OcsvmCodec.decode(bytes, partName);
    }
}
