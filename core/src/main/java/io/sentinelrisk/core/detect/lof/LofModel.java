package io.sentinelrisk.core.detect.lof;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.neighbors.NeighborIndex;
import io.sentinelrisk.core.detect.neighbors.NeighborQuery;
import io.sentinelrisk.core.detect.neighbors.Metric;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.detect.support.TrainingScores;

/**
 * A fitted LOF: the training rows, their k-distances and local reachability densities (lrd).
 * A new row x with k nearest training rows N: {@code reach(x, o) = max(dist(x, o), kdist(o))},
 * {@code lrd(x) = 1 / (mean reach + 1e-10)}, score {@code = mean_o lrd(o) / lrd(x)} — exactly
 * scikit-learn's {@code -score_samples} with {@code novelty=True}. The training rows' own scores
 * (fit time, each row left out of its neighbours) equal scikit-learn's
 * {@code -negative_outlier_factor_}.
 */
public final class LofModel implements FittedDetector, TrainingScores.LeaveOneOut {
    private final double[] points;
    private final int d;
    private final int k;
    private final NeighborIndex index;
    private final double[] kDistance;
    private final double[] lrd;
    private final double[] trainingScores;

    LofModel(double[] points, int d, int k, NeighborIndex index, double[] kDistance, double[] lrd, double[] trainingScores) {
        this.points = points;
        this.d = d;
        this.k = k;
        this.index = index;
        this.kDistance = kDistance;
        this.lrd = lrd;
        this.trainingScores = trainingScores;
    }

    /** scikit-learn's local reachability density of the neighbourhood at {@code dist/idx[off..off+k)}. */
    static double reachDensity(double[] dist, int[] idx, int off, int k, double[] kDistance) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += Math.max(dist[off + j], kDistance[idx[off + j]]);
        }
        return 1.0 / (sum / k + 1e-10);
    }

    /** The mean of {@code lrd(o) / lrdSelf} over the neighbours (scikit-learn's order of operations). */
    static double factor(int[] idx, int off, int k, double[] lrd, double lrdSelf) {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += lrd[idx[off + j]] / lrdSelf;
        }
        return sum / k;
    }

    @Override
    public String type() {
        return LofFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return d;
    }

    /** The neighbourhood size in use (n_neighbors, capped at training rows - 1). */
    public int k() {
        return k;
    }

    public Metric metric() {
        return index.metric();
    }

    double[] points() {
        return points.clone();
    }

    double[] kDistance() {
        return kDistance.clone();
    }

    double[] lrd() {
        return lrd.clone();
    }

    double[] trainingScores() {
        return trainingScores.clone();
    }

    @Override
    public double score(double[] row) {
        BatchScoring.checkFeatures(type(), d, row.length);
        NeighborQuery q = index.newQuery(k);
        index.search(row, 0, k, -1, q);
        return scoreOf(q);
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.checkFeatures(type(), d, x.cols());
        index.searchEach(x.data(), x.rows(), k, threads, (i, found) -> out[i] = scoreOf(found));
    }

    /** The outlier factor of a row whose k nearest training rows are {@code q}'s. */
    private double scoreOf(NeighborQuery q) {
        double own = reachDensity(q.distances(), q.indices(), 0, k, kDistance);
        return factor(q.indices(), 0, k, lrd, own);
    }

    @Override
    public void scoreTrainingRows(Matrix trainingRows, double[] out, int threads) {
        TrainingScores.requireFittedRows(trainingRows, points, d);
        System.arraycopy(trainingScores, 0, out, 0, trainingScores.length);
    }
}
