package io.sentinelrisk.core.detect.ocsvm;

import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.RowSample;
import io.sentinelrisk.core.error.InputException;
import libsvm.DenseOneClassSolver;
import libsvm.svm;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * Trains LIBSVM's one-class solver on (a seeded sample of) the training rows and keeps only the
 * support vectors, their coefficients and rho. LIBSVM's solver is sequential and deterministic;
 * long kernel columns are computed on several threads, each value independently.
 */
final class OcsvmTrainer implements DetectorTrainer {

    static {
        svm.svm_set_print_string_function(s -> {
            // LIBSVM reports its iterations on stdout; the product's stdout carries results only
        });
    }

    private final SvmKernel kernel;
    private final double nu;
    private final double gamma;
    private final int degree;
    private final double coef0;
    private final double tol;
    private final boolean shrinking;
    private final double cacheMb;
    private final int maxTrain;
    private final long seed;

    OcsvmTrainer(OcsvmParams p, long seed) {
        this(p.kernel(), p.nu(), p.gamma(), p.degree(), p.coef0(), p.tol(), p.shrinking(), p.cacheSize(), p.maxTrain(), seed);
    }

    private OcsvmTrainer(SvmKernel kernel, double nu, double gamma, int degree, double coef0, double tol,
                 boolean shrinking, double cacheMb, int maxTrain, long seed) {
        this.kernel = kernel;
        this.nu = nu;
        this.gamma = gamma;
        this.degree = degree;
        this.coef0 = coef0;
        this.tol = tol;
        this.shrinking = shrinking;
        this.cacheMb = cacheMb;
        this.maxTrain = maxTrain;
        this.seed = seed;
    }

    /** Row indices of a seeded sample without replacement, ascending; all rows when n ≤ max. */
    static int[] sample(int n, int max, long seed) {
        return RowSample.of(n, max, seed);
    }

    /** scikit-learn's gamma='scale': 1 / (n_features × X.var()), 1 when X is constant. */
    static double scaleGamma(Matrix x) {
        double[] v = x.data();
        double mean = 0;
        for (double t : v) {
            mean += t;
        }
        mean /= v.length;
        double var = 0;
        for (double t : v) {
            var += (t - mean) * (t - mean);
        }
        var /= v.length;
        return var == 0 ? 1.0 : 1.0 / (x.cols() * var);
    }

    @Override
    public FittedDetector fit(Matrix all, int[] labels, int threads) {
        if (all.rows() < 1) {
            throw new InputException("ocsvm: needs at least 1 training row, found 0");
        }
        Matrix x = all.rows() > maxTrain ? all.selectRows(sample(all.rows(), maxTrain, seed)) : all;
        int n = x.rows();
        int d = x.cols();
        double g = Double.isNaN(gamma) ? scaleGamma(x) : gamma == OcsvmParams.GAMMA_AUTO ? 1.0 / d : gamma;

        svm_parameter p = new svm_parameter();
        p.svm_type = svm_parameter.ONE_CLASS;
        p.kernel_type = kernel.libsvmCode;
        p.degree = degree;
        p.gamma = g;
        p.coef0 = coef0;
        p.nu = nu;
        p.eps = tol;
        p.cache_size = cacheMb;
        p.shrinking = shrinking ? 1 : 0;
        p.probability = 0;
        p.C = 1;
        p.p = 0.1;
        p.nr_weight = 0;
        p.weight_label = new int[0];
        p.weight = new double[0];
        // LIBSVM's own checks; for one-class they read only the problem's size
        svm_problem problem = new svm_problem();
        problem.l = n;
        String problemText = svm.svm_check_parameter(problem, p);
        if (problemText != null) {
            throw new ConfigException("detector (ocsvm): LIBSVM rejects the parameters: " + problemText);
        }
        DenseOneClassSolver.Solution solution = DenseOneClassSolver.solve(x.data(), n, d, p, threads);
        double[] alpha = solution.alpha();
        int m = 0;
        for (double a : alpha) {
            m += a > 0 ? 1 : 0;
        }
        // the support vectors: rows with a non-zero coefficient, in row order as svm_train keeps them
        double[] coef = new double[m];
        double[] sv = new double[m * d];
        for (int i = 0, s = 0; i < n; i++) {
            if (alpha[i] > 0) {
                coef[s] = alpha[i];
                System.arraycopy(x.data(), i * d, sv, s * d, d);
                s++;
            }
        }
        return new OcsvmModel(d, kernel, g, degree, coef0, solution.rho(), coef, sv);
    }
}
