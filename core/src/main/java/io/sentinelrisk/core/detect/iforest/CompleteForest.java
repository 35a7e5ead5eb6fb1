package io.sentinelrisk.core.detect.iforest;

import java.util.Arrays;

/**
 * Trees stored as complete binary trees of a fixed depth D in heap order (children of node i are
 * 2i+1 and 2i+2): per tree {@code 2^D - 1} split nodes and {@code 2^D} leaves, all trees in three
 * flat arrays. A leaf reached above depth D is padded: its subtree's splits always go left and
 * every leaf below holds its value, so a row always takes exactly D steps and the walk has no
 * data-dependent branch. Many rows are walked level by level so that their memory loads overlap.
 */
final class CompleteForest implements Forest {
    /** The deepest trees stored this way: 2^12 leaves (ψ up to 4096) is 80 KiB per tree. */
    static final int MAX_DEPTH = 12;

    private final int trees;
    private final int depth;
    private final int splitsPerTree;
    private final int leavesPerTree;
    /** Per split node: the feature (column) it tests. */
    private final int[] feature;
    /** Per split node: rows with {@code x[feature] > threshold} go right. */
    private final double[] threshold;
    /** Per leaf: depth of the leaf + c(training samples in it). */
    private final double[] leaf;

    CompleteForest(int trees, int depth, int[] feature, double[] threshold, double[] leaf) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth " + depth);
        }
        this.trees = trees;
        this.depth = depth;
        this.splitsPerTree = (1 << depth) - 1;
        this.leavesPerTree = 1 << depth;
        if (feature.length != (long) trees * splitsPerTree || threshold.length != feature.length
                || leaf.length != (long) trees * leavesPerTree) {
            throw new IllegalArgumentException("array lengths do not match " + trees + " trees of depth " + depth);
        }
        this.feature = feature;
        this.threshold = threshold;
        this.leaf = leaf;
    }

    @Override
    public int trees() {
        return trees;
    }

    int depth() {
        return depth;
    }

    int[] feature() {
        return feature;
    }

    double[] threshold() {
        return threshold;
    }

    double[] leaf() {
        return leaf;
    }

    /** Padding nodes have an infinite threshold (everything goes left); real splits are finite. */
    @Override
    public void countSplits(long[] counts) {
        for (int i = 0; i < feature.length; i++) {
            if (threshold[i] != Double.POSITIVE_INFINITY) {
                counts[feature[i]]++;
            }
        }
    }

    @Override
    public double pathSum(double[] x, int offset) {
        double sum = 0.0;
        for (int t = 0; t < trees; t++) {
            int nodes = t * splitsPerTree;
            int i = 0;
            for (int d = 0; d < depth; d++) {
                i = 2 * i + (x[offset + feature[nodes + i]] > threshold[nodes + i] ? 2 : 1);
            }
            sum += leaf[t * leavesPerTree - splitsPerTree + i];
        }
        return sum;
    }

    @Override
    public void pathSums(double[] x, int cols, int from, int to, double[] out) {
        int block = Forest.blockRows(cols);
        int[] node = new int[Math.max(0, Math.min(block, to - from))];
        for (int start = from; start < to; start += block) {
            int end = Math.min(to, start + block);
            Arrays.fill(out, start, end, 0.0);
            for (int t = 0; t < trees; t++) {
                walkTree(t, x, cols, start, end, node, out);
            }
        }
    }

    /**
     * Adds tree {@code t}'s path lengths of rows {@code [start, end)} to {@code out}, level by
     * level: one level of every row, then the next. Rows are independent within a level, so the
     * processor overlaps the memory loads of many rows instead of waiting on one row's chain of
     * dependent loads.
     */
    private void walkTree(int t, double[] x, int cols, int start, int end, int[] node, double[] out) {
        final int[] feature = this.feature;
        final double[] threshold = this.threshold;
        final int nodes = t * splitsPerTree;
        final int n = end - start;
        final int base = start * cols;
        Arrays.fill(node, 0, n, 0);
        for (int d = 0; d < depth; d++) {
            for (int r = 0, o = base; r < n; r++, o += cols) {
                int i = node[r];
                node[r] = 2 * i + (x[o + feature[nodes + i]] > threshold[nodes + i] ? 2 : 1);
            }
        }
        final double[] leaf = this.leaf;
        final int leaves = t * leavesPerTree - splitsPerTree;
        for (int r = 0; r < n; r++) {
            out[start + r] += leaf[leaves + node[r]];
        }
    }
}
