package io.sentinelrisk.core.detect.knn;

import io.sentinelrisk.core.detect.neighbors.Duplicates;
import io.sentinelrisk.core.detect.neighbors.NeighborIndex;
import io.sentinelrisk.core.detect.neighbors.NeighborModel;

/**
 * A fitted kNN detector: a row's score combines the distances to its k nearest training rows;
 * the training rows' own scores leave each row out of its own neighbours (PyOD's
 * {@code decision_scores_}).
 */
public final class KnnModel extends NeighborModel {
    private final KnnMethod method;

    KnnModel(NeighborIndex index, double[] points, int k, KnnMethod method, double[] trainingScores, Duplicates duplicates,
             int[] rowOf) {
        super(index, points, k, trainingScores, duplicates, rowOf);
        this.method = method;
    }

    @Override
    public String type() {
        return KnnFactory.TYPE;
    }

    public KnnMethod method() {
        return method;
    }

    @Override
    protected double scoreOf(double[] dist, int[] idx, int off, double own, int ownPoint) {
        return method.combine(dist, idx, off, k(), weights(), own);
    }
}
