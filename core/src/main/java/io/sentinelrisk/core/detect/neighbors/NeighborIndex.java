package io.sentinelrisk.core.detect.neighbors;

import io.sentinelrisk.core.util.Parallel;

/**
 * An exact k-nearest-neighbour search over a fixed reference set of {@code n × d} row-major
 * points. Ties in distance break by the lower reference index, so every implementation gives the
 * same neighbours and bit-identical distances for every query; they differ only in speed.
 * Immutable and safe to query from many threads, each with its own {@link NeighborQuery}.
 */
public abstract sealed class NeighborIndex permits KdTree, BlockScan {

    /**
     * Above this many features a k-d tree prunes too little to beat a blocked scan of every
     * point. On 10,000 Gaussian rows (k = 20) the scan wins from 12 features on (1.6× at 16, 2×
     * at 32); on real data, whose rows lie near a few dimensions, the tree holds out longer
     * (satellite, 36 features: level). 15 is the threshold scikit-learn uses for the same
     * choice. {@code NeighborIndexChoice} in the bench module measures it.
     */
    public static final int MAX_TREE_DIMENSIONS = 15;

    /** Reference points, features per point, and the distance between them. */
    final int n;
    final int d;
    final Metric metric;

    NeighborIndex(int n, int d, Metric metric) {
        this.n = n;
        this.d = d;
        this.metric = metric;
    }

    /**
     * The faster exact index for these points: a k-d tree in few dimensions, a blocked scan in
     * many. The choice depends only on the shape, so a reloaded model rebuilds the same index.
     * The index keeps a reference to {@code points}: the caller must never modify them.
     */
    public static NeighborIndex of(double[] points, int n, int d, Metric metric) {
        return d > MAX_TREE_DIMENSIONS ? new BlockScan(points, n, d, metric) : new KdTree(points, n, d, metric);
    }

    public final int size() {
        return n;
    }

    public final int dimensions() {
        return d;
    }

    public final Metric metric() {
        return metric;
    }

    /** Scratch space for queries of up to {@code k} neighbours; one per thread. */
    public abstract NeighborQuery newQuery(int k);

    /**
     * Finds the {@code k} nearest reference points to the row at {@code q[qOff..qOff+d)},
     * skipping reference {@code exclude} (-1 for none). Results, nearest first, are in
     * {@code query.distances()} / {@code query.indices()}.
     */
    public abstract void search(double[] q, int qOff, int k, int exclude, NeighborQuery query);

    /**
     * The k nearest other reference points of every reference point, written row-major into
     * {@code dist}/{@code idx} ({@code n × k}, by reference index).
     */
    public abstract void allNeighbors(int k, int threads, double[] dist, int[] idx);

    /** Receives the neighbours of query row {@code row}; called once per row, from any thread. */
    @FunctionalInterface
    public interface NeighborSink {
        void accept(int row, NeighborQuery neighbors);
    }

    /**
     * Searches the {@code k} nearest reference points of each of the {@code rows} row-major rows
     * of {@code data} on up to {@code threads} threads, handing each row's answer to {@code sink}.
     */
    public void searchEach(double[] data, int rows, int k, int threads, NeighborSink sink) {
        Parallel.forRange(rows, threads, 256, (from, to) -> {
            NeighborQuery q = newQuery(k);
            for (int i = from; i < to; i++) {
                search(data, i * d, k, -1, q);
                sink.accept(i, q);
            }
        });
    }
}
