package io.sentinelrisk.core.detect.ocsvm;

import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.Objects;

/**
 * The hyper-parameters of the one-class SVM, named and defaulted as scikit-learn's
 * {@code OneClassSVM} (LIBSVM's), plus {@code max_train}.
 *
 * @param kernel    {@code kernel}: rbf, linear, poly or sigmoid (default rbf)
 * @param nu        {@code nu}: in (0, 1] (default {@value #DEFAULT_NU})
 * @param gamma     {@code gamma}: a number > 0, {@link #GAMMA_SCALE} (written {@code scale}, the
 *                  default) or {@link #GAMMA_AUTO} ({@code auto})
 * @param degree    {@code degree}: of the poly kernel, ≥ 0 (default {@value #DEFAULT_DEGREE})
 * @param coef0     {@code coef0}: independent term of poly and sigmoid (default {@value #DEFAULT_COEF0})
 * @param tol       {@code tol}: stopping tolerance, > 0 (default {@value #DEFAULT_TOL})
 * @param shrinking {@code shrinking}: LIBSVM's shrinking heuristic (default {@value #DEFAULT_SHRINKING})
 * @param cacheSize {@code cache_size}: kernel cache in MB, > 0 (default {@value #DEFAULT_CACHE_SIZE})
 * @param maxTrain  {@code max_train}: fit on at most this many rows (seeded sample), ≥ 1 (default {@value #DEFAULT_MAX_TRAIN})
 */
public record OcsvmParams(SvmKernel kernel, double nu, double gamma, int degree, double coef0, double tol,
                          boolean shrinking, double cacheSize, int maxTrain) implements DetectorParams {
    public static final SvmKernel DEFAULT_KERNEL = SvmKernel.RBF;
    public static final double DEFAULT_NU = 0.5;
    /** {@code gamma: scale} = 1 / (features × variance of all training values). */
    public static final double GAMMA_SCALE = Double.NaN;
    /** {@code gamma: auto} = 1 / features. */
    public static final double GAMMA_AUTO = -1;
    public static final double DEFAULT_GAMMA = GAMMA_SCALE;
    public static final int DEFAULT_DEGREE = 3;
    public static final double DEFAULT_COEF0 = 0.0;
    public static final double DEFAULT_TOL = 1e-3;
    public static final boolean DEFAULT_SHRINKING = true;
    public static final double DEFAULT_CACHE_SIZE = 200.0;
    public static final int DEFAULT_MAX_TRAIN = 10_000;

    public static final OcsvmParams DEFAULTS = new OcsvmParams(DEFAULT_KERNEL, DEFAULT_NU, DEFAULT_GAMMA,
            DEFAULT_DEGREE, DEFAULT_COEF0, DEFAULT_TOL, DEFAULT_SHRINKING, DEFAULT_CACHE_SIZE, DEFAULT_MAX_TRAIN);

    public OcsvmParams {
        String t = OcsvmFactory.TYPE;
        Objects.requireNonNull(kernel, "kernel");
        ParamChecks.doubleIn(t, "nu", nu, 0, false, 1, true);
        if (!Double.isNaN(gamma) && gamma != GAMMA_AUTO && !(gamma > 0)) {
            throw ParamChecks.fail(t, "gamma", "a number > 0, scale or auto", ParamChecks.fmt(gamma));
        }
        ParamChecks.intAtLeast(t, "degree", degree, 0);
        ParamChecks.doubleAtLeast(t, "tol", tol, 0, false);
        ParamChecks.doubleAtLeast(t, "cache_size", cacheSize, 0, false);
        ParamChecks.intAtLeast(t, "max_train", maxTrain, 1);
    }
}
