package io.sentinelrisk.core.detect.knn;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.neighbors.NeighborIndex;
import io.sentinelrisk.core.detect.neighbors.NeighborQuery;
import io.sentinelrisk.core.detect.neighbors.Metric;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.detect.support.TrainingScores;

/**
 * A fitted kNN detector. The training rows are its reference set (it needs them to score). A new
 * row is scored from its k nearest training rows; the training rows' own scores, computed at fit
 * time, leave each row out of its own neighbours (PyOD's {@code decision_scores_}).
 */
public final class KnnModel implements FittedDetector, TrainingScores.LeaveOneOut {
    private final double[] points;
    private final int d;
    private final int k;
    private final KnnMethod method;
    private final NeighborIndex index;
    private final double[] trainingScores;

    KnnModel(double[] points, int d, int k, KnnMethod method, NeighborIndex index, double[] trainingScores) {
        this.points = points;
        this.d = d;
        this.k = k;
        this.method = method;
        this.index = index;
        this.trainingScores = trainingScores;
    }

    @Override
    public String type() {
        return KnnFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return d;
    }

    public int k() {
        return k;
    }

    public KnnMethod method() {
        return method;
    }

    public Metric metric() {
        return index.metric();
    }

    double[] points() {
        return points.clone();
    }

    double[] trainingScores() {
        return trainingScores.clone();
    }

    @Override
    public double score(double[] row) {
        BatchScoring.checkFeatures(type(), d, row.length);
        NeighborQuery q = index.newQuery(k);
        index.search(row, 0, k, -1, q);
        return method.combine(q.distances(), 0, k);
    }

    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.checkFeatures(type(), d, x.cols());
        index.searchEach(x.data(), x.rows(), k, threads, (i, found) -> out[i] = method.combine(found.distances(), 0, k));
    }

    @Override
    public void scoreTrainingRows(Matrix trainingRows, double[] out, int threads) {
        TrainingScores.requireFittedRows(trainingRows, points, d);
        System.arraycopy(trainingScores, 0, out, 0, trainingScores.length);
    }
}
