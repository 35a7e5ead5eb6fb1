package io.sentinelrisk.core.detect.iforest;

import java.util.Arrays;

/**
 * Trees stored as one node array for deep trees (ψ above 4096), where a complete layout would
 * spend memory on padding. Node {@code n} is a split when {@code feature[n] ≥ 0}: rows with
 * {@code x[feature[n]] > value[n]} go to {@code left[n] + 1}, the others to {@code left[n]}
 * (children are stored side by side). A leaf has {@code feature[n] = -1} and holds its path
 * length (depth + c(size)) in {@code value[n]}. Tree {@code t}'s root is {@code root[t]}; links
 * are absolute indices and always point forward, so every walk ends.
 */
final class LinkedForest implements Forest {
    private final int[] root;
    private final int[] feature;
    private final int[] left;
    private final double[] value;

    /** One tree's nodes, links relative to its root (node 0), -1 at leaves. */
    record Tree(int[] feature, int[] left, double[] value) {
    }

    /** The trees laid end to end, links made absolute. */
    static LinkedForest of(Tree[] trees) {
        int total = 0;
        for (Tree t : trees) {
            total = Math.addExact(total, t.feature().length);
        }
        int[] root = new int[trees.length];
        int[] feature = new int[total];
        int[] left = new int[total];
        double[] value = new double[total];
        int base = 0;
        for (int t = 0; t < trees.length; t++) {
            Tree tree = trees[t];
            int n = tree.feature().length;
            root[t] = base;
            System.arraycopy(tree.feature(), 0, feature, base, n);
            System.arraycopy(tree.value(), 0, value, base, n);
            for (int i = 0; i < n; i++) {
                left[base + i] = tree.left()[i] < 0 ? -1 : base + tree.left()[i];
            }
            base += n;
        }
        return new LinkedForest(root, feature, left, value);
    }

    LinkedForest(int[] root, int[] feature, int[] left, double[] value) {
        if (feature.length != left.length || feature.length != value.length) {
            throw new IllegalArgumentException("node arrays differ in length");
        }
        this.root = root;
        this.feature = feature;
        this.left = left;
        this.value = value;
    }

    @Override
    public int trees() {
        return root.length;
    }

    int[] root() {
        return root;
    }

    int[] feature() {
        return feature;
    }

    int[] left() {
        return left;
    }

    double[] value() {
        return value;
    }

    @Override
    public void countSplits(long[] counts) {
        for (int f : feature) {
            if (f >= 0) {
                counts[f]++;
            }
        }
    }

    @Override
    public double pathSum(double[] x, int offset) {
        double sum = 0.0;
        for (int t = 0; t < root.length; t++) {
            sum += walk(root[t], x, offset);
        }
        return sum;
    }

    private double walk(int n, double[] x, int offset) {
        int f;
        while ((f = feature[n]) >= 0) {
            n = left[n] + (x[offset + f] > value[n] ? 1 : 0);
        }
        return value[n];
    }

    @Override
    public void pathSums(double[] x, int cols, int from, int to, double[] out) {
        int block = Forest.blockRows(cols);
        for (int start = from; start < to; start += block) {
            int end = Math.min(to, start + block);
            Arrays.fill(out, start, end, 0.0);
            for (int t = 0; t < root.length; t++) {
                int r0 = root[t];
                for (int r = start; r < end; r++) {
                    out[r] += walk(r0, x, r * cols);
                }
            }
        }
    }
}
