package io.sentinelrisk.core.detect.knn;

import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.neighbors.Duplicates;
import io.sentinelrisk.core.detect.neighbors.Metric;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.Objects;

/**
 * The hyper-parameters of kNN, named and defaulted as PyOD's {@code KNN}.
 *
 * @param nNeighbors {@code n_neighbors}: k, ≥ 1 (default {@value #DEFAULT_N_NEIGHBORS})
 * @param method     {@code method}: largest, mean or median of the k distances (default largest)
 * @param metric     {@code metric}: euclidean or manhattan (default euclidean)
 * @param duplicates {@code duplicates}: weighted (the default: neighbourhoods reach k other distinct
 *                   rows, every row in them counted with its copies), distinct (copies of a training
 *                   row are one reference point) or keep (every copy is a neighbour, as PyOD)
 */
public record KnnParams(int nNeighbors, KnnMethod method, Metric metric, Duplicates duplicates) implements DetectorParams {
    public static final int DEFAULT_N_NEIGHBORS = 5;
    public static final KnnMethod DEFAULT_METHOD = KnnMethod.LARGEST;
    public static final Metric DEFAULT_METRIC = Metric.EUCLIDEAN;
    public static final Duplicates DEFAULT_DUPLICATES = Duplicates.WEIGHTED;

    public static final KnnParams DEFAULTS = new KnnParams(DEFAULT_N_NEIGHBORS, DEFAULT_METHOD, DEFAULT_METRIC,
            DEFAULT_DUPLICATES);

    public KnnParams {
        ParamChecks.intAtLeast(KnnFactory.TYPE, "n_neighbors", nNeighbors, 1);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(duplicates, "duplicates");
    }
}
