package io.sentinelrisk.core.detect.neighbors;

/**
 * Per-thread search state for one query row: the best {@code k} candidates so far
 * ({@link KHeap}) and scratch space for a block's raw distances. After a search,
 * {@link #distances()} and {@link #indices()} hold the neighbours, nearest first.
 */
public final class NeighborQuery {
    private final double[] raw;
    private final int[] idx;
    /** Raw distances of one block of reference points, filled by {@link ColumnScan}. */
    final double[] acc;
    private int k;
    private int size;
    private int found;

    NeighborQuery(int capacity, int blockWidth) {
        acc = new double[blockWidth];
        raw = new double[capacity];
        idx = new int[capacity];
    }

    /** How many neighbours the last search found (k, or fewer when the reference set is smaller). */
    public int found() {
        return found;
    }

    /** Distances of the last search's neighbours, nearest first; valid up to {@link #found()}. */
    public double[] distances() {
        return raw;
    }

    /** Reference indices of the last search's neighbours, nearest first. */
    public int[] indices() {
        return idx;
    }

    void reset(int k) {
        if (k > raw.length || k < 1) {
            throw new IllegalArgumentException("query made for " + raw.length + " neighbours, asked " + k);
        }
        this.k = k;
        this.size = 0;
    }

    /** The raw distance a candidate must not exceed to enter (infinite until k are held). */
    double worst() {
        return size < k ? Double.POSITIVE_INFINITY : raw[0];
    }

    void offer(double r, int i) {
        size = KHeap.offer(raw, idx, 0, size, k, r, i);
    }

    /**
     * Offers the block's candidates {@code acc[0..len)}, skipping reference {@code exclude}. The
     * candidate {@code r} is reference {@code index[from + r]}, or {@code from + r} when
     * {@code index} is null.
     */
    void offerBlock(int len, int[] index, int from, int exclude) {
        // Few candidates pass once the heap is full: keep the bar in a local between them.
        double bar = worst();
        for (int r = 0; r < len; r++) {
            if (acc[r] <= bar) {
                int ref = index == null ? from + r : index[from + r];
                if (ref != exclude) {
                    offer(acc[r], ref);
                    bar = worst();
                }
            }
        }
    }

    /** Ends the search: the candidates, nearest first, as distances. */
    void finish(Metric metric) {
        found = size;
        KHeap.sortAscending(raw, idx, 0, size, metric);
        size = 0;
    }
}
