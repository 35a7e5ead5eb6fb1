package io.sentinelrisk.core.detect.ecod;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.util.Parallel;

import java.util.Arrays;

/** Fits ECOD: each feature's sorted training values and the sign of its skewness. */
final class EcodTrainer implements DetectorTrainer {
    @Override
    public EcodModel fit(Matrix x, int[] labels, int threads) {
        int n = x.rows();
        int d = x.cols();
        if (n < 1) {
            throw new InputException("ecod: needs at least 1 training row, found 0");
        }
        double[][] sorted = new double[d][];
        int[] skewSign = new int[d];
        Parallel.forRange(d, threads, 1, (from, to) -> {
            for (int j = from; j < to; j++) {
                double[] col = new double[n];
                for (int i = 0; i < n; i++) {
                    col[i] = x.data()[i * d + j];
                }
                skewSign[j] = skewSign(col);
                Arrays.sort(col);
                sorted[j] = col;
            }
        });
        return new EcodModel(sorted, skewSign);
    }

    /**
     * The sign of the biased sample skewness ({@code scipy.stats.skew}). A constant feature has
     * no skewness (scipy: NaN, which makes PyOD's scores NaN); here it counts as 0.
     */
    static int skewSign(double[] col) {
        int n = col.length;
        double mean = 0;
        for (double v : col) {
            mean += v;
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        for (double v : col) {
            double dv = v - mean;
            m2 += dv * dv;
            m3 += dv * dv * dv;
        }
        m2 /= n;
        m3 /= n;
        double resolution = 1e-15 * mean;
        if (m2 <= resolution * resolution) {
            return 0;
        }
        return (int) Math.signum(m3 / Math.pow(m2, 1.5));
    }
}
