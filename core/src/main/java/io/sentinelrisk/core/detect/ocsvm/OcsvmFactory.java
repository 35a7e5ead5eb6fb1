package io.sentinelrisk.core.detect.ocsvm;

import io.sentinelrisk.core.codec.BinaryReader;
import io.sentinelrisk.core.codec.BinaryWriter;
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
    private static final String MAGIC = "OSVM";
    private static final int VERSION = 1;

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
                ParamSpec.ofChoice("kernel", "rbf", "kernel function", "rbf", "linear", "poly", "sigmoid"),
                ParamSpec.ofDouble("nu", 0.5, "upper bound on the fraction of training rows outside the boundary "
                        + "and lower bound on the fraction of support vectors, in (0, 1]; 0.5 as scikit-learn "
                        + "(for anomaly detection a value near the expected anomaly rate, e.g. 0.01-0.1, is usual)"),
                ParamSpec.ofNumberOr("gamma", "scale", "kernel coefficient for rbf, poly and sigmoid: scale = "
                        + "1 / (n_features × variance of all training values), auto = 1 / n_features, or a number > 0",
                        "scale", "auto"),
                ParamSpec.ofInt("degree", 3, "degree of the poly kernel (≥ 0)"),
                ParamSpec.ofDouble("coef0", 0.0, "independent term of the poly and sigmoid kernels"),
                ParamSpec.ofDouble("tol", 1e-3, "stopping tolerance of the solver (> 0)"),
                ParamSpec.ofBoolean("shrinking", true, "use LIBSVM's shrinking heuristic"),
                ParamSpec.ofDouble("cache_size", 200.0, "kernel cache in MB (> 0)"),
                ParamSpec.ofInt("max_train", 10000, "fit on at most this many training rows, a seeded sample "
                        + "without replacement (training time grows quadratically)"));
    }

    @Override
    public DetectorTrainer trainer(Params params, long seed) {
        ParamChecks c = ParamChecks.of(params, TYPE);
        SvmKernel kernel = SvmKernel.byConfigName(params.getString("kernel"));
        double nu = c.doubleIn("nu", 0, false, 1, true);
        Object g = params.get("gamma");
        double gamma = Double.NaN; // NaN = scale, -1 = auto
        if (g instanceof Number n) {
            gamma = n.doubleValue();
            if (!(gamma > 0)) {
                throw c.fail("gamma", "a number > 0, scale or auto", ParamChecks.fmt(gamma));
            }
        } else if ("auto".equals(g)) {
            gamma = OcsvmTrainer.GAMMA_AUTO;
        }
        int degree = c.intAtLeast("degree", 0);
        double coef0 = params.getDouble("coef0");
        double tol = c.doubleAtLeast("tol", 0, false);
        double cache = c.doubleAtLeast("cache_size", 0, false);
        int maxTrain = c.intAtLeast("max_train", 1);
        return new OcsvmTrainer(kernel, nu, gamma, degree, coef0, tol, params.getBoolean("shrinking"), cache, maxTrain, seed);
    }

    @Override
    public byte[] encode(FittedDetector model) {
        OcsvmModel m = (OcsvmModel) model;
        return new BinaryWriter(MAGIC, VERSION)
                .writeInt(m.featureCount())
                .writeString(m.kernel().configName())
                .writeDouble(m.gamma())
                .writeInt(m.degree())
                .writeDouble(m.coef0())
                .writeDouble(m.rho())
                .writeDoubles(m.coefficients())
                .writeDoubles(m.supportVectors())
                .toByteArray();
    }

    @Override
    public FittedDetector decode(byte[] bytes, String partName) {
        BinaryReader r = new BinaryReader(bytes, partName, MAGIC, VERSION);
        int d = r.readInt();
        SvmKernel kernel;
        try {
            kernel = SvmKernel.byConfigName(r.readString());
        } catch (IllegalArgumentException e) {
            throw r.corrupt("unknown kernel");
        }
        double gamma = r.readDouble();
        int degree = r.readInt();
        double coef0 = r.readDouble();
        double rho = r.readDouble();
        double[] coef = r.readDoubles();
        double[] sv = r.readDoubles();
        r.expectEnd();
        if (d < 1 || degree < 0 || !Double.isFinite(gamma) || !Double.isFinite(coef0) || !Double.isFinite(rho)
                || coef.length < 1 || (long) coef.length * d != sv.length) {
            throw r.corrupt("inconsistent model (features " + d + ", " + coef.length + " coefficients, "
                    + sv.length + " support vector values)");
        }
        return new OcsvmModel(d, kernel, gamma, degree, coef0, rho, coef, sv);
    }
}
