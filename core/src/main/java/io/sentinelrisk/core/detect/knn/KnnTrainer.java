package io.sentinelrisk.core.detect.knn;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.neighbors.DistinctRows;
import io.sentinelrisk.core.detect.neighbors.Duplicates;
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
        boolean distinct = params.duplicates().collapses();
        DistinctRows rows = distinct ? DistinctRows.of(x.data(), x.rows(), x.cols()) : null;
        int n = distinct ? rows.count() : x.rows();
        if (n <= k) {
            throw new InputException("knn: n_neighbors=" + k + " needs at least " + (k + 1) + " distinct training rows, found "
                    + n + " (duplicates: keep counts every copy)");
        }
        double[] points = distinct && !rows.allDistinct() ? rows.distinct() : x.data().clone();
        NeighborIndex index = NeighborIndex.of(points, n, x.cols(), metric);
        NeighborTable table = NeighborTable.ofReference(index, k, threads);
        double[] weight = params.duplicates() == Duplicates.WEIGHTED ? rows.multiplicities() : null;
        double[] pointScores = new double[n];
        for (int i = 0; i < n; i++) {
            // a training row's own copies are the objects at distance 0 from it
            double own = weight == null ? 0 : weight[i] - 1;
            pointScores[i] = method.combine(table.distances(), table.indices(), i * k, k, weight, own);
        }
        double[] trainingScores = distinct ? rows.perRow(pointScores) : pointScores;
        return new KnnModel(index, points, k, method, trainingScores, params.duplicates(), distinct ? rows.rowOf() : null);
    }
}
