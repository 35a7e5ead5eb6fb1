package io.sentinelrisk.core.detect.ocsvm;

import java.util.Locale;

/** The kernels, evaluated exactly as LIBSVM's {@code k_function} does. */
public enum SvmKernel {
    LINEAR(libsvm.svm_parameter.LINEAR),
    POLY(libsvm.svm_parameter.POLY),
    RBF(libsvm.svm_parameter.RBF),
    SIGMOID(libsvm.svm_parameter.SIGMOID);

    final int libsvmCode;

    SvmKernel(int libsvmCode) {
        this.libsvmCode = libsvmCode;
    }

    /** K(a, b) for rows of {@code d} features. */
    double apply(double[] a, int aOff, double[] b, int bOff, int d, double gamma, int degree, double coef0) {
        switch (this) {
            case RBF -> {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double t = a[aOff + j] - b[bOff + j];
                    s += t * t;
                }
                return Math.exp(-gamma * s);
            }
            case LINEAR -> {
                return dot(a, aOff, b, bOff, d);
            }
            case POLY -> {
                return powi(gamma * dot(a, aOff, b, bOff, d) + coef0, degree);
            }
            case SIGMOID -> {
                return Math.tanh(gamma * dot(a, aOff, b, bOff, d) + coef0);
            }
            default -> throw new IllegalStateException();
        }
    }

    private static double dot(double[] a, int aOff, double[] b, int bOff, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += a[aOff + j] * b[bOff + j];
        }
        return s;
    }

    /** LIBSVM's integer power by squaring. */
    private static double powi(double base, int times) {
        double tmp = base;
        double ret = 1.0;
        for (int t = times; t > 0; t /= 2) {
            if (t % 2 == 1) {
                ret *= tmp;
            }
            tmp = tmp * tmp;
        }
        return ret;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SvmKernel byConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
