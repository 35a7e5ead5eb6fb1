package io.sentinelrisk.core.detect.autoencoder;

/** Adam (Kingma and Ba, 2015) with bias correction, in PyTorch's formulation. */
final class Adam {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;
    private int t;

    Adam(int parameters, double lr, double beta1, double beta2, double eps) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new double[parameters];
        this.v = new double[parameters];
    }

    void step(double[] p, double[] grad) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < p.length; i++) {
            double g = grad[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double mHat = m[i] / c1;
            double vHat = v[i] / c2;
            p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
        }
    }
}
