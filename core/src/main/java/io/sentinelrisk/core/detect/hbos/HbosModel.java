package io.sentinelrisk.core.detect.hbos;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.BatchScoring;

/**
 * A fitted HBOS: per feature, the bin edges and {@code log2(density + alpha)} per bin. A row's
 * score is {@code -Σ_j logDensity_j(bin of x_j)}. Bins are found as PyOD finds them
 * ({@code numpy.digitize(right=True)}: a value on an inner edge takes the lower bin); values
 * outside the training range by more than {@code tol} bin widths take the lowest density.
 */
public final class HbosModel implements FittedDetector {
    private final double[][] edges;
    private final double[][] logDensities;
    private final double[] minLog;
    private final double tol;

    HbosModel(double[][] edges, double[][] logDensities, double tol) {
        this.edges = edges;
        this.logDensities = logDensities;
        this.tol = tol;
        this.minLog = new double[edges.length];
        for (int j = 0; j < edges.length; j++) {
            double m = Double.POSITIVE_INFINITY;
            for (double v : logDensities[j]) {
                m = Math.min(m, v);
            }
            minLog[j] = m;
        }
    }

    @Override
    public String type() {
        return HbosFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return edges.length;
    }

    double tol() {
        return tol;
    }

    double[] edges(int feature) {
        return edges[feature].clone();
    }

    double[] logDensities(int feature) {
        return logDensities[feature].clone();
    }

    /** How many bins feature {@code feature} has (n_bins, or the one chosen by auto). */
    public int bins(int feature) {
        return logDensities[feature].length;
    }

    @Override
    public double score(double[] row) {
        return BatchScoring.scoreRow(type(), featureCount(), row, this::scoreAt);
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.score(type(), featureCount(), x, out, threads, 1024, this::scoreAt);
    }

    private double scoreAt(double[] data, int offset) {
        double sum = 0;
        for (int j = 0; j < edges.length; j++) {
            sum += featureLog(j, data[offset + j]);
        }
        return -sum;
    }

    private double featureLog(int j, double v) {
        double[] e = edges[j];
        double[] log = logDensities[j];
        int bins = log.length;
        if (!(v > e[0])) { // at or below the lowest edge, or NaN
            double dist = e[0] - v;
            return dist <= (e[1] - e[0]) * tol ? log[0] : minLog[j];
        }
        if (v > e[bins]) {
            double dist = v - e[bins];
            return dist <= (e[bins] - e[bins - 1]) * tol ? log[bins - 1] : minLog[j];
        }
        return log[bin(e, v)];
    }

    /**
     * The bin k with {@code e[k] < v ≤ e[k+1]} for e[0] &lt; v ≤ e[bins] (numpy.digitize's right=True
     * rule). Equal-width edges let arithmetic guess it; the guess is then checked against the
     * stored edges, which may differ from the arithmetic by rounding, so it is exact.
     */
    static int bin(double[] e, double v) {
        int last = e.length - 2;
        int k = (int) ((v - e[0]) / (e[last + 1] - e[0]) * (last + 1));
        k = Math.max(0, Math.min(last, k));
        while (k > 0 && v <= e[k]) {
            k--;
        }
        while (k < last && v > e[k + 1]) {
            k++;
        }
        return k;
    }
}
