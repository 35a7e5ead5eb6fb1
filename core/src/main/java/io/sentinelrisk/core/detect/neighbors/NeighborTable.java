package io.sentinelrisk.core.detect.neighbors;

import io.sentinelrisk.core.util.Parallel;

/**
 * The k nearest other reference points of every reference point (each point excluded from its
 * own list), as scikit-learn's {@code kneighbors()} without arguments: row-major {@code n × k}.
 */
public record NeighborTable(int k, double[] distances, int[] indices) {

    /** Searches all {@code tree.size()} reference points in parallel; deterministic for any thread count. */
    public static NeighborTable ofReference(KdTree tree, double[] points, int k, int threads) {
        int n = tree.size();
        int d = tree.dimensions();
        double[] dist = new double[n * k];
        int[] idx = new int[n * k];
        Parallel.forRange(n, threads, 256, (from, to) -> {
            KdTree.Query q = tree.newQuery(k);
            // in tree order: consecutive queries are close in space and touch the same nodes
            for (int p = from; p < to; p++) {
                int i = tree.referenceAt(p);
                tree.search(points, i * d, k, i, q);
                System.arraycopy(q.distances(), 0, dist, i * k, k);
                System.arraycopy(q.indices(), 0, idx, i * k, k);
            }
        });
        return new NeighborTable(k, dist, idx);
    }
}
