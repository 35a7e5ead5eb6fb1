package io.sentinelrisk.core.detect.iforest;

/**
 * The trees of a fitted isolation forest in flat primitive arrays, in one of two layouts:
 * {@link CompleteForest} (a complete binary tree per tree, walked branch-free for a fixed number
 * of levels: the usual case, depth ≤ {@link CompleteForest#MAX_DEPTH}) or {@link LinkedForest}
 * (a node array with child links, for deeper trees where a complete layout would waste memory).
 *
 * <p>A path length is the number of edges from the root to the row's leaf plus c(leaf size),
 * summed over the trees in tree order, so that a row's sum does not depend on how rows are
 * split between threads.
 */
sealed interface Forest permits CompleteForest, LinkedForest {
    int trees();

    /** The sum over all trees of the path length of the row {@code x[offset .. offset + features)}. */
    double pathSum(double[] x, int offset);

    /**
     * For each row {@code r} in {@code [from, to)} of the row-major matrix {@code x} with
     * {@code cols} columns, writes the sum over all trees of its path length into {@code out[r]}.
     * Works through rows in blocks so that each tree is used for many rows while it is in cache.
     */
    void pathSums(double[] x, int cols, int from, int to, double[] out);

    /** Adds to {@code counts[f]} the number of real splits on feature {@code f} (padding is not counted). */
    void countSplits(long[] counts);

    /** How many rows a block holds: its rows stay in the L1 cache (about 16 KiB) while every tree walks them. */
    static int blockRows(int cols) {
        int rows = 16_384 / (Double.BYTES * Math.max(1, cols));
        return Math.max(16, Math.min(1024, rows)) & ~3;
    }
}
