package io.sentinelrisk.core.detect.hbos;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.util.Parallel;

/**
 * Fits one histogram per feature exactly as {@code numpy.histogram(x, bins, density=True)} does
 * (edges from {@code numpy.linspace}, last bin closed), which is what PyOD's HBOS uses.
 */
final class HbosTrainer implements DetectorTrainer {
    private final int nBins;
    private final double alpha;
    private final double tol;

    HbosTrainer(HbosParams params) {
        this.nBins = params.nBins();
        this.alpha = params.alpha();
        this.tol = params.tol();
    }

    @Override
    public FittedDetector fit(Matrix x, int[] labels, int threads) {
        if (x.rows() < 1) {
            throw new InputException("hbos: needs at least 1 training row, found 0");
        }
        int d = x.cols();
        double[][] edges = new double[d][];
        double[][] logs = new double[d][];
        Parallel.forRange(d, threads, 1, (from, to) -> {
            double[] column = new double[x.rows()];
            for (int j = from; j < to; j++) {
                for (int i = 0; i < x.rows(); i++) {
                    column[i] = x.data()[i * d + j];
                }
                int bins = nBins == HbosParams.N_BINS_AUTO ? optimalBins(column) : nBins;
                edges[j] = Histogram.edges(column, bins);
                long[] counts = Histogram.counts(column, edges[j]);
                double[] log = new double[bins];
                for (int k = 0; k < bins; k++) {
                    double width = edges[j][k + 1] - edges[j][k];
                    double density = counts[k] / width / column.length;
                    log[k] = Math.log(density + alpha) / Math.log(2);
                }
                logs[j] = log;
            }
        });
        return new HbosModel(edges, logs, tol);
    }

    /**
     * PyOD's {@code get_optimal_n_bins}: the Birgé-Rozenholc penalised maximum likelihood over
     * 1 .. ⌊√n⌋ - 1 bins (the penalty subtracted once per bin, as PyOD sums it).
     */
    static int optimalBins(double[] column) {
        int n = column.length;
        int upper = (int) Math.sqrt(n);
        int best = 1;
        double bestLikelihood = Double.NEGATIVE_INFINITY;
        for (int b = 1; b < upper; b++) {
            long[] h = Histogram.counts(column, Histogram.edges(column, b));
            double penalty = b - 1 + Math.pow(Math.log(b), 2.5);
            double likelihood = 0;
            for (long c : h) {
                likelihood += c * Math.log((double) b * c / n + 1) - penalty;
            }
            if (likelihood > bestLikelihood) {
                bestLikelihood = likelihood;
                best = b;
            }
        }
        return best;
    }
}
