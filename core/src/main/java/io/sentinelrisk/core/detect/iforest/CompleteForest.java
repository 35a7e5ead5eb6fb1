package io.sentinelrisk.core.detect.iforest;

import java.util.Arrays;

/**
 * Trees stored as complete binary trees of a fixed depth D in heap order (children of node i are
 * 2i+1 and 2i+2): per tree {@code 2^D - 1} split nodes and {@code 2^D} leaves, all trees in three
 * flat arrays. A leaf reached above depth D is padded: its subtree's splits always go left and
 * every leaf below holds its value, so a row always takes exactly D steps and the walk has no
 * data-dependent branch. Many rows are walked level by level so that their memory loads overlap.
 *
 * <p>Two Java walks give the same sums bit for bit. The optimising compiler (C2) turns the double
 * comparison {@code x > threshold} into a conditional move, and the level-by-level walk of doubles
 * is the faster one there. The quick compiler (C1), which {@code bin/sentinel} uses alone for small
 * inputs, compiles it to a branch that is mispredicted half the time: under C1 the walk on
 * order-preserving {@code long} keys ({@link #key}), compared without a branch, is 3–4× faster.
 * Which compiler runs is what the launcher says ({@link JitTier}). Faster than both, under either
 * compiler, is the same walk in C ({@link NativeForestWalk}), used when the launcher names its
 * library; its sums are the Java walks' bit for bit too.
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
    /** Per split node: {@link #key} of its threshold (made when first needed by the key walk). */
    private long[] thresholdKey;
    /** The smallest and largest feature a split tests: the C walk's rows must be wider than the largest. */
    private final int minFeature;
    private final int maxFeature;

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
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int f : feature) {
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        this.minFeature = min;
        this.maxFeature = max;
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

    /** The walk in C ({@link NativeForestWalk}) when its library is loaded, else {@link #javaPathSums}. */
    @Override
    public void pathSums(double[] x, int cols, int from, int to, double[] out) {
        if (NativeForestWalk.available()) {
            nativePathSums(x, cols, from, to, out);
        } else {
            javaPathSums(x, cols, from, to, out);
        }
    }

    /**
     * {@link #pathSums} in C, a block of rows per call (a call pins the arrays, which holds off the
     * garbage collector: short calls keep its pauses short). The C code reads only what these
     * checks allow: every split's feature inside a row, rows {@code [from, to)} inside {@code x}
     * and {@code out} (the arrays' lengths fit the trees, checked when the forest was made).
     */
    void nativePathSums(double[] x, int cols, int from, int to, double[] out) {
        if (from < 0 || from > to || minFeature < 0 || maxFeature >= cols
                || (long) to * cols > x.length || to > out.length) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") of " + cols + " columns do not fit "
                    + x.length + " values, " + out.length + " outputs, features up to " + maxFeature);
        }
        int block = Forest.blockRows(cols);
        for (int start = from; start < to; start += block) {
            int end = Math.min(to, start + block);
            if (NativeForestWalk.walkBlock(trees, depth, feature, threshold, leaf, x, cols, start, end, out) != 0) {
                javaPathSums(x, cols, start, end, out);
            }
        }
    }

    /** {@link #pathSums} in Java: on keys under the quick compiler alone, else on doubles. */
    void javaPathSums(double[] x, int cols, int from, int to, double[] out) {
        if (JitTier.quickOnly()) {
            keyPathSums(x, cols, from, to, out);
            return;
        }
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

    /** {@link #pathSums} on keys: each block of rows turned into keys once, then walked by every tree. */
    void keyPathSums(double[] x, int cols, int from, int to, double[] out) {
        long[] tk = thresholdKeys();
        int block = Forest.blockRows(cols);
        long[] xk = new long[Math.max(0, Math.min(block, to - from)) * cols];
        for (int start = from; start < to; start += block) {
            int end = Math.min(to, start + block);
            for (int i = start * cols, j = 0; i < end * cols; i++, j++) {
                xk[j] = key(x[i]);
            }
            Arrays.fill(out, start, end, 0.0);
            for (int t = 0; t < trees; t++) {
                walkTreeKeys(t, tk, xk, cols, start, end, out);
            }
        }
    }

    private long[] thresholdKeys() {
        long[] tk = thresholdKey;
        if (tk == null) {
            tk = new long[threshold.length];
            for (int i = 0; i < tk.length; i++) {
                // NaN never lets a row go right (x > NaN is false): above every row's key
                tk[i] = Double.isNaN(threshold[i]) ? Long.MAX_VALUE : key(threshold[i]);
            }
            thresholdKey = tk;   // racing threads make equal arrays
        }
        return tk;
    }

    /**
     * A key that orders as the double does: {@code key(a) > key(b)} exactly when {@code a > b}.
     * Both zeros map to 0 (they compare equal); a NaN row value maps below everything, since
     * {@code NaN > threshold} is false.
     */
    static long key(double v) {
        if (v != v) {
            return Long.MIN_VALUE;
        }
        long bits = Double.doubleToRawLongBits(v + 0.0);   // -0.0 + 0.0 is +0.0
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /**
     * {@link #walkTree} on keys, four rows at a time, each walked to its leaf in locals; the step
     * {@code key(x) > key(threshold)} is the sign of a branch-free signed comparison (Hacker's
     * Delight 2-12), so no compiler emits a branch for it.
     */
    private void walkTreeKeys(int t, long[] tk, long[] xk, int cols, int start, int end, double[] out) {
        final int[] feature = this.feature;
        final double[] leaf = this.leaf;
        final int nodes = t * splitsPerTree;
        final int leaves = t * leavesPerTree - splitsPerTree;
        final int n = end - start;
        final int depth = this.depth;
        // The root is every row's first node: its key and feature are loaded once per tree (-9% of
        // the walk's time under C1: two of the three loads of the first level).
        final long rootKey = tk[nodes];
        final int rootFeature = feature[nodes];
        int r = 0;
        for (; r + 4 <= n; r += 4) {
            int o0 = r * cols;
            int o1 = o0 + cols;
            int o2 = o1 + cols;
            int o3 = o2 + cols;
            long b0 = xk[o0 + rootFeature];
            long f0 = rootKey - b0;
            long b1 = xk[o1 + rootFeature];
            long f1 = rootKey - b1;
            long b2 = xk[o2 + rootFeature];
            long f2 = rootKey - b2;
            long b3 = xk[o3 + rootFeature];
            long f3 = rootKey - b3;
            int i0 = 1 + (int) ((f0 ^ ((rootKey ^ b0) & (f0 ^ rootKey))) >>> 63);
            int i1 = 1 + (int) ((f1 ^ ((rootKey ^ b1) & (f1 ^ rootKey))) >>> 63);
            int i2 = 1 + (int) ((f2 ^ ((rootKey ^ b2) & (f2 ^ rootKey))) >>> 63);
            int i3 = 1 + (int) ((f3 ^ ((rootKey ^ b3) & (f3 ^ rootKey))) >>> 63);
            for (int d = 1; d < depth; d++) {
                long a0 = tk[nodes + i0];
                b0 = xk[o0 + feature[nodes + i0]];
                f0 = a0 - b0;
                long a1 = tk[nodes + i1];
                b1 = xk[o1 + feature[nodes + i1]];
                f1 = a1 - b1;
                long a2 = tk[nodes + i2];
                b2 = xk[o2 + feature[nodes + i2]];
                f2 = a2 - b2;
                long a3 = tk[nodes + i3];
                b3 = xk[o3 + feature[nodes + i3]];
                f3 = a3 - b3;
                i0 = 2 * i0 + 1 + (int) ((f0 ^ ((a0 ^ b0) & (f0 ^ a0))) >>> 63);
                i1 = 2 * i1 + 1 + (int) ((f1 ^ ((a1 ^ b1) & (f1 ^ a1))) >>> 63);
                i2 = 2 * i2 + 1 + (int) ((f2 ^ ((a2 ^ b2) & (f2 ^ a2))) >>> 63);
                i3 = 2 * i3 + 1 + (int) ((f3 ^ ((a3 ^ b3) & (f3 ^ a3))) >>> 63);
            }
            out[start + r] += leaf[leaves + i0];
            out[start + r + 1] += leaf[leaves + i1];
            out[start + r + 2] += leaf[leaves + i2];
            out[start + r + 3] += leaf[leaves + i3];
        }
        for (; r < n; r++) {
            int o = r * cols;
            int i = 0;
            for (int d = 0; d < depth; d++) {
                long a = tk[nodes + i];
                long b = xk[o + feature[nodes + i]];
                long f = a - b;
                i = 2 * i + 1 + (int) ((f ^ ((a ^ b) & (f ^ a))) >>> 63);
            }
            out[start + r] += leaf[leaves + i];
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
        final double[] leaf = this.leaf;
        final int nodes = t * splitsPerTree;
        final int leaves = t * leavesPerTree - splitsPerTree;
        final int n = end - start;
        final int base = start * cols;
        // The root is every row's first node: its feature and threshold are loaded once.
        final int rootFeature = feature[nodes];
        final double rootThreshold = threshold[nodes];
        for (int r = 0, o = base + rootFeature; r < n; r++, o += cols) {
            node[r] = x[o] > rootThreshold ? 2 : 1;
        }
        if (depth == 1) {
            for (int r = 0; r < n; r++) {
                out[start + r] += leaf[leaves + node[r]];
            }
            return;
        }
        for (int d = 1; d < depth - 1; d++) {
            for (int r = 0, o = base; r < n; r++, o += cols) {
                int i = node[r];
                node[r] = 2 * i + (x[o + feature[nodes + i]] > threshold[nodes + i] ? 2 : 1);
            }
        }
        // The last level adds the leaf at once instead of storing the node for another pass.
        for (int r = 0, o = base; r < n; r++, o += cols) {
            int i = node[r];
            i = 2 * i + (x[o + feature[nodes + i]] > threshold[nodes + i] ? 2 : 1);
            out[start + r] += leaf[leaves + i];
        }
    }
}
