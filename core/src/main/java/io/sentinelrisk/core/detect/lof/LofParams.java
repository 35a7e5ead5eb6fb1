package io.sentinelrisk.core.detect.lof;

import io.sentinelrisk.core.detect.DetectorParams;
import io.sentinelrisk.core.detect.neighbors.Duplicates;
import io.sentinelrisk.core.detect.neighbors.Metric;
import io.sentinelrisk.core.detect.support.ParamChecks;

import java.util.Objects;

/**
 * The hyper-parameters of LOF, named and defaulted as scikit-learn's {@code LocalOutlierFactor}.
 *
 * @param nNeighbors {@code n_neighbors}: k, ≥ 1; at most the training rows - 1 are used (default {@value #DEFAULT_N_NEIGHBORS})
 * @param metric     {@code metric}: euclidean or manhattan (default euclidean)
 * @param duplicates {@code duplicates}: weighted (the default: neighbourhoods reach k other distinct
 *                   rows, each counted once; a row's own copies draw its score towards 1), distinct (copies of a training
 *                   row are one reference point) or keep (every copy is a neighbour, as scikit-learn)
 */
public record LofParams(int nNeighbors, Metric metric, Duplicates duplicates) implements DetectorParams {
    public static final int DEFAULT_N_NEIGHBORS = 20;
    public static final Metric DEFAULT_METRIC = Metric.EUCLIDEAN;
    public static final Duplicates DEFAULT_DUPLICATES = Duplicates.WEIGHTED;

    public static final LofParams DEFAULTS = new LofParams(DEFAULT_N_NEIGHBORS, DEFAULT_METRIC, DEFAULT_DUPLICATES);

    public LofParams {
        ParamChecks.intAtLeast(LofFactory.TYPE, "n_neighbors", nNeighbors, 1);
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(duplicates, "duplicates");
    }
}
