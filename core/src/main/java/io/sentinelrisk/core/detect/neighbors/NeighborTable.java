package io.sentinelrisk.core.detect.neighbors;

/**
 * The k nearest other reference points of every reference point (each point excluded from its
 * own list), as scikit-learn's {@code kneighbors()} without arguments: row-major {@code n × k}.
 */
public record NeighborTable(int k, double[] distances, int[] indices) {

    /** Searches all reference points in parallel; deterministic for any thread count. */
    public static NeighborTable ofReference(NeighborIndex index, int k, int threads) {
        int n = index.size();
        double[] dist = new double[n * k];
        int[] idx = new int[n * k];
        index.allNeighbors(k, threads, dist, idx);
        return new NeighborTable(k, dist, idx);
    }
}
