package io.sentinelrisk.core.detect.lof;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.neighbors.DistinctRows;
import io.sentinelrisk.core.detect.neighbors.Duplicates;
import io.sentinelrisk.core.detect.neighbors.Metric;
import io.sentinelrisk.core.detect.neighbors.NeighborIndex;
import io.sentinelrisk.core.detect.neighbors.NeighborTable;
import io.sentinelrisk.core.error.InputException;

/** Fits LOF: the training rows' k-distances and local reachability densities. */
final class LofTrainer implements DetectorTrainer {
    private final LofParams params;

    LofTrainer(LofParams params) {
        this.params = params;
    }

    @Override
    public LofModel fit(Matrix x, int[] labels, int threads) {
        int requestedK = params.nNeighbors();
        Metric metric = params.metric();
        if (x.rows() < 2) {
            throw new InputException("lof: needs at least 2 training rows, found " + x.rows());
        }
        boolean distinct = params.duplicates().collapses();
        DistinctRows rows = distinct ? DistinctRows.of(x.data(), x.rows(), x.cols()) : null;
        int n = distinct ? rows.count() : x.rows();
        if (n < 2) {
            throw new InputException("lof: needs at least 2 distinct training rows, found " + n
                    + " (duplicates: keep counts every copy)");
        }
        int k = Math.max(1, Math.min(requestedK, n - 1));
        double[] points = distinct && !rows.allDistinct() ? rows.distinct() : x.data().clone();
        NeighborIndex index = NeighborIndex.of(points, n, x.cols(), metric);
        NeighborTable table = NeighborTable.ofReference(index, k, threads);
        double[] kDistance = new double[n];
        for (int i = 0; i < n; i++) {
            kDistance[i] = table.distances()[i * k + k - 1];
        }
        double[] weight = params.duplicates() == Duplicates.WEIGHTED ? rows.multiplicities() : null;
        double[] lrd = new double[n];
        for (int i = 0; i < n; i++) {
            lrd[i] = LofModel.reachDensity(table.distances(), table.indices(), i * k, k, kDistance);
        }
        double[] pointScores = new double[n];
        for (int i = 0; i < n; i++) {
            // weighted: a training row's other copies are objects at its own place, with its density
            double own = weight == null ? 0 : weight[i] - 1;
            pointScores[i] = LofModel.factor(table.indices(), i * k, k, lrd, lrd[i], own, lrd[i]);
        }
        double[] trainingScores = distinct ? rows.perRow(pointScores) : pointScores;
        return new LofModel(index, points, k, kDistance, lrd, trainingScores, params.duplicates(),
                distinct ? rows.rowOf() : null);
    }
}
