package io.sentinelrisk.core.detect.ocsvm;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.BatchScoring;

/**
 * A fitted one-class SVM: support vectors, their coefficients α_i and the offset ρ.
 * {@code decision_function(x) = Σ α_i K(sv_i, x) - ρ} (positive inside the learned region);
 * the anomaly score is its negation.
 */
public final class OcsvmModel implements FittedDetector {
    private final int d;
    private final SvmKernel kernel;
    private final double gamma;
    private final int degree;
    private final double coef0;
    private final double rho;
    private final double[] coef;
    private final double[] sv;

    OcsvmModel(int d, SvmKernel kernel, double gamma, int degree, double coef0, double rho, double[] coef, double[] sv) {
        this.d = d;
        this.kernel = kernel;
        this.gamma = gamma;
        this.degree = degree;
        this.coef0 = coef0;
        this.rho = rho;
        this.coef = coef;
        this.sv = sv;
    }

    @Override
    public String type() {
        return OcsvmFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return d;
    }

    public SvmKernel kernel() {
        return kernel;
    }

    /** The kernel coefficient in use (scale and auto resolved at fit time). */
    public double gamma() {
        return gamma;
    }

    public int degree() {
        return degree;
    }

    public double coef0() {
        return coef0;
    }

    public double rho() {
        return rho;
    }

    public int supportVectorCount() {
        return coef.length;
    }

    double[] coefficients() {
        return coef.clone();
    }

    double[] supportVectors() {
        return sv.clone();
    }

    /** scikit-learn's {@code decision_function}: positive inside, negative outside. */
    public double decisionFunction(double[] row) {
        BatchScoring.checkFeatures(type(), d, row.length);
        return decisionAt(row, 0);
    }

    private double decisionAt(double[] data, int off) {
        double s = 0;
        for (int i = 0; i < coef.length; i++) {
            s += coef[i] * kernel.apply(sv, i * d, data, off, d, gamma, degree, coef0);
        }
        return s - rho;
    }

    @Override
    public double score(double[] row) {
        return -decisionFunction(row);
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.score(type(), d, x, out, threads, 64, (data, off) -> -decisionAt(data, off));
    }
}
