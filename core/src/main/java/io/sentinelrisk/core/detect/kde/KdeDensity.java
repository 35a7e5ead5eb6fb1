package io.sentinelrisk.core.detect.kde;

import io.sentinelrisk.core.detect.neighbors.ColumnScan;
import io.sentinelrisk.core.detect.neighbors.Metric;

/**
 * The log of a Gaussian kernel density at a row: {@code log((1/n) Σ_j exp(−‖x − r_j‖² / (2h²)))
 * − (d/2)·log(2πh²)} over the reference rows r_j, summed as a stable log-sum-exp (the nearest
 * reference row's term is factored out, so no term underflows to a zero density while others
 * count).
 *
 * <p>The reference rows are kept column by column: the squared distances from one row to all of
 * them are one pass per feature over contiguous arrays, which the JIT vectorises. The caller
 * hands in a scratch array of {@link #size()} values (one per thread, not per row), so scoring
 * allocates nothing per row. Every sum runs in reference order, so a row's value does not depend
 * on the thread that computes it.
 */
final class KdeDensity {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int n;
    private final int d;
    /** Feature j of reference row r is {@code columns[j][r]}. */
    private final double[][] columns;

    /** Over the {@code n × d} row-major {@code points} (copied). */
    KdeDensity(double[] points, int n, int d) {
        this.n = n;
        this.d = d;
        this.columns = ColumnScan.pack(points, d, null, 0, n);
    }

    int size() {
        return n;
    }

    int dimensions() {
        return d;
    }

    /**
     * The log density with bandwidth {@code h} at the row {@code q[off..off+d)}, leaving reference
     * row {@code exclude} out (−1: none). −∞ when no reference row remains or every squared
     * distance overflows.
     */
    double logDensity(double[] q, int off, double h, int exclude, double[] scratch) {
        double nearest = squaredDistances(q, off, exclude, scratch);
        int count = exclude >= 0 ? n - 1 : n;
        return logDensityAt(scratch, nearest, count, h);
    }

    /**
     * The log densities at {@code q[off..off+d)} for every bandwidth of {@code grid}, into
     * {@code out[outOff..outOff+grid.length)}: the distances are computed once for all of them.
     */
    void logDensities(double[] q, int off, double[] grid, double[] out, int outOff, double[] scratch) {
        double nearest = squaredDistances(q, off, -1, scratch);
        for (int g = 0; g < grid.length; g++) {
            out[outOff + g] = logDensityAt(scratch, nearest, n, grid[g]);
        }
    }

    /** log-sum-exp of −dist²/(2h²) over {@code dist2[0..n)} (+∞ entries count 0), minus log(count) and the normaliser. */
    private double logDensityAt(double[] dist2, double nearest, int count, double h) {
        if (count == 0 || nearest == Double.POSITIVE_INFINITY) {
            // no reference row left, or every squared distance overflowed: a density of 0
            return Double.NEGATIVE_INFINITY;
        }
        double c = 1.0 / (2 * h * h);
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += Math.exp((nearest - dist2[r]) * c);
        }
        return -nearest * c + Math.log(sum) - Math.log(count) - d * (Math.log(h) + LOG_SQRT_2PI);
    }

    /**
     * Writes ‖q − r_j‖² into {@code out[j]} (+∞ for {@code exclude}) and returns the smallest. The
     * neighbour detectors' column scan: four features per pass, the sum feature by feature in order.
     */
    private double squaredDistances(double[] q, int off, int exclude, double[] out) {
        ColumnScan.rawDistances(Metric.EUCLIDEAN, columns, 0, n, d, q, off, out);
        if (exclude >= 0) {
            out[exclude] = Double.POSITIVE_INFINITY;
        }
        double nearest = Double.POSITIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            nearest = Math.min(nearest, out[r]);
        }
        return nearest;
    }
}
