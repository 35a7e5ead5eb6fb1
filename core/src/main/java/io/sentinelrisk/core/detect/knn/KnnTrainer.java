package io.sentinelrisk.core.detect.knn;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.neighbors.Metric;
import io.sentinelrisk.core.detect.neighbors.NeighborIndex;
import io.sentinelrisk.core.detect.neighbors.NeighborTable;
import io.sentinelrisk.core.error.InputException;

/** Fits kNN: an exact index over the training rows and their leave-one-out scores. */
final class KnnTrainer implements DetectorTrainer {
    private final KnnParams params;

    KnnTrainer(KnnParams params) {
        this.params = params;
    }

    @Override
    public KnnModel fit(Matrix x, int[] labels, int threads) {
        int k = params.nNeighbors();
        KnnMethod method = params.method();
        Metric metric = params.metric();
        if (x.rows() <= k) {
            throw new InputException("knn: n_neighbors=" + k + " needs at least " + (k + 1) + " training rows, found " + x.rows());
        }
        double[] points = x.data().clone();
        NeighborIndex index = NeighborIndex.of(points, x.rows(), x.cols(), metric);
        NeighborTable table = NeighborTable.ofReference(index, k, threads);
        double[] trainingScores = new double[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            trainingScores[i] = method.combine(table.distances(), i * k, k);
        }
        return new KnnModel(index, points, k, method, trainingScores);
    }
}
