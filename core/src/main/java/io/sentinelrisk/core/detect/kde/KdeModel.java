package io.sentinelrisk.core.detect.kde;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.detect.support.TrainingScores;
import io.sentinelrisk.core.util.Parallel;

import java.util.Arrays;

/**
 * A fitted Gaussian kernel density detector: the reference rows (a seeded sample of the training
 * rows), which training row each one is, and the bandwidth h. A row's score is −log density
 * ({@link KdeDensity}), floored at −10³⁰⁰ so that a row far from every reference row scores a
 * finite 10³⁰⁰. The training rows' fit-time scores leave a row that is in the reference set out of
 * its own density (one copy), as the neighbour detectors do.
 */
public final class KdeModel implements FittedDetector, TrainingScores.LeaveOneOut {
    /** Rows per parallel task: each row costs one pass over the reference set. */
    private static final int MIN_CHUNK = 16;

    private final int d;
    private final double bandwidth;
    private final double[] points;
    private final int fittedRows;
    private final int[] referenceRows;
    private final KdeDensity density;

    /**
     * @param points        the reference rows, row-major (kept; nobody may modify them)
     * @param fittedRows    how many rows the model was fitted on
     * @param referenceRows the fitted row each reference row is, ascending
     */
    KdeModel(int d, double bandwidth, double[] points, int fittedRows, int[] referenceRows) {
        this.d = d;
        this.bandwidth = bandwidth;
        this.points = points;
        this.fittedRows = fittedRows;
        this.referenceRows = referenceRows;
        this.density = new KdeDensity(points, referenceRows.length, d);
    }

    @Override
    public String type() {
        return KdeFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return d;
    }

    /** The bandwidth h in use ({@code auto} resolved at fit time). */
    public double bandwidth() {
        return bandwidth;
    }

    /** How many reference rows the density sums over. */
    public int referenceCount() {
        return referenceRows.length;
    }

    int fittedRows() {
        return fittedRows;
    }

    double[] points() {
        return points.clone();
    }

    int[] referenceRows() {
        return referenceRows.clone();
    }

    /** scikit-learn's {@code KernelDensity.score_samples}: the log density at a prepared row. */
    public double logDensity(double[] row) {
        BatchScoring.checkFeatures(type(), d, row.length);
        return density.logDensity(row, 0, bandwidth, -1, new double[density.size()]);
    }

    @Override
    public double score(double[] row) {
        return scoreOf(logDensity(row));
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.checkFeatures(type(), d, x.cols());
        scoreRows(x, out, threads, false);
    }

    @Override
    public void scoreTrainingRows(Matrix trainingRows, double[] out, int threads) {
        if (!isFittedOn(trainingRows)) {
            throw new IllegalArgumentException("these are not the rows the model was fitted on");
        }
        scoreRows(trainingRows, out, threads, true);
    }

    /** True when {@code x} has the fitted rows' count and width and holds the reference rows where they came from. */
    private boolean isFittedOn(Matrix x) {
        if (x.cols() != d || x.rows() != fittedRows) {
            return false;
        }
        double[] data = x.data();
        for (int j = 0; j < referenceRows.length; j++) {
            int at = referenceRows[j] * d;
            if (!Arrays.equals(data, at, at + d, points, j * d, j * d + d)) {
                return false;
            }
        }
        return true;
    }

    private void scoreRows(Matrix x, double[] out, int threads, boolean leaveSelfOut) {
        if (out.length < x.rows()) {
            throw new IllegalArgumentException("output has " + out.length + " slots for " + x.rows() + " rows");
        }
        double[] data = x.data();
        Parallel.forRange(x.rows(), threads, MIN_CHUNK, (from, to) -> {
            double[] scratch = new double[density.size()];
            for (int i = from; i < to; i++) {
                int self = leaveSelfOut ? Math.max(-1, Arrays.binarySearch(referenceRows, i)) : -1;
                out[i] = scoreOf(density.logDensity(data, i * d, bandwidth, self, scratch));
            }
        });
    }

    private static double scoreOf(double logDensity) {
        return -Math.max(logDensity, KdeBandwidth.LOG_FLOOR);
    }
}
