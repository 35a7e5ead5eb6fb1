package io.sentinelrisk.core.detect.iforest;

import java.util.Arrays;

/**
 * Grows isolation trees, one at a time, into reusable scratch arrays; one grower per worker
 * thread, so growing a tree allocates nothing. The tree is then copied into a {@link Forest}
 * layout by {@link #copyInto}.
 *
 * <p>As in scikit-learn's extra-tree with {@code max_features=1, splitter="random"}: a node
 * becomes a leaf when it holds at most one sample, reaches the depth limit, or every candidate
 * feature is constant in it; otherwise it splits on a feature drawn uniformly among the
 * non-constant ones at a threshold drawn uniformly in [min, max) of that feature in the node, and
 * {@code x <= threshold} goes left.
 */
final class TreeGrower {
    private final double[] x;
    private final int rows;
    private final int cols;
    private final int psi;
    private final int featuresPerTree;
    private final int maxDepth;
    private final boolean bootstrap;

    private final RowSampler sampler;
    /** All columns, partly shuffled per tree to pick its features. */
    private final int[] columns;
    /** The tree's features, in the order they are stored in {@link #sample}. */
    private final int[] treeFeatures;
    /** The tree's samples, row-major ψ × featuresPerTree. */
    private final double[] sample;
    /** The order of the samples: each node owns a contiguous range of it. */
    private final int[] order;
    /** Candidate features (indices into treeFeatures) of the node being split. */
    private final int[] candidates;

    /** The grown tree: node 0 is the root, children of a split are stored side by side. */
    private final int[] nodeFeature;
    private final int[] nodeLeft;
    private final double[] nodeValue;
    private int nodeCount;
    private SplitMix64 random;

    TreeGrower(double[] x, int rows, int cols, int psi, int featuresPerTree, boolean bootstrap) {
        this.x = x;
        this.rows = rows;
        this.cols = cols;
        this.psi = psi;
        this.featuresPerTree = featuresPerTree;
        this.maxDepth = PathLength.maxDepth(psi);
        this.bootstrap = bootstrap;
        this.sampler = new RowSampler(psi);
        this.columns = new int[cols];
        this.treeFeatures = new int[featuresPerTree];
        this.sample = new double[psi * featuresPerTree];
        this.order = new int[psi];
        this.candidates = new int[featuresPerTree];
        int maxNodes = 2 * psi - 1;
        this.nodeFeature = new int[maxNodes];
        this.nodeLeft = new int[maxNodes];
        this.nodeValue = new double[maxNodes];
    }

    /** Grows one tree from its own seed; the result stays in the scratch arrays until the next call. */
    void grow(long seed) {
        random = new SplitMix64(seed);
        pickFeatures();
        int[] drawn = sampler.draw(rows, bootstrap, random);
        int k = featuresPerTree;
        for (int i = 0; i < psi; i++) {
            int src = drawn[i] * cols;
            int dst = i * k;
            for (int j = 0; j < k; j++) {
                sample[dst + j] = x[src + treeFeatures[j]];
            }
            order[i] = i;
        }
        for (int j = 0; j < k; j++) {
            candidates[j] = j;
        }
        nodeCount = 1;
        split(0, 0, psi, 0);
    }

    int nodeCount() {
        return nodeCount;
    }

    /** A partial Fisher–Yates shuffle: the tree's features without replacement (all, in order, by default). */
    private void pickFeatures() {
        if (featuresPerTree == cols) {
            for (int j = 0; j < cols; j++) {
                treeFeatures[j] = j;
            }
            return;
        }
        for (int j = 0; j < cols; j++) {
            columns[j] = j;
        }
        for (int j = 0; j < featuresPerTree; j++) {
            int pick = j + random.nextInt(cols - j);
            int tmp = columns[pick];
            columns[pick] = columns[j];
            columns[j] = tmp;
            treeFeatures[j] = tmp;
        }
    }

    private void split(int node, int lo, int hi, int depth) {
        int size = hi - lo;
        if (size > 1 && depth < maxDepth) {
            int k = featuresPerTree;
            int remaining = k;
            while (remaining > 0) {
                int pick = random.nextInt(remaining);
                int f = candidates[pick];
                // Plain comparisons (values are finite): cheaper than Math.min/max, well predicted.
                double min = sample[order[lo] * k + f];
                double max = min;
                for (int i = lo + 1; i < hi; i++) {
                    double v = sample[order[i] * k + f];
                    if (v < min) {
                        min = v;
                    }
                    if (v > max) {
                        max = v;
                    }
                }
                if (max > min) {
                    double threshold = threshold(min, max, random.nextDouble());
                    int mid = partition(lo, hi, f, threshold);
                    int left = nodeCount;
                    nodeCount += 2;
                    nodeFeature[node] = treeFeatures[f];
                    nodeValue[node] = threshold;
                    nodeLeft[node] = left;
                    split(left, lo, mid, depth + 1);
                    split(left + 1, mid, hi, depth + 1);
                    return;
                }
                // Constant here: never draw it again at this node.
                candidates[pick] = candidates[remaining - 1];
                candidates[remaining - 1] = f;
                remaining--;
            }
        }
        nodeFeature[node] = -1;
        nodeLeft[node] = -1;
        nodeValue[node] = depth + PathLength.averagePathLength(size);
    }

    /** Uniform in [min, max); min when rounding lands on max (as scikit-learn does). */
    static double threshold(double min, double max, double u) {
        double span = max - min;
        double t = Double.isFinite(span) ? min + u * span : min * (1.0 - u) + max * u;
        return t < max && t >= min ? t : min;
    }

    /**
     * Puts the samples of {@code [lo, hi)} with value ≤ threshold first; returns where the others
     * start. Branch-free (every element is swapped, the boundary moves by 0 or 1): which side a
     * sample goes to is a coin toss the branch predictor cannot learn.
     */
    private int partition(int lo, int hi, int f, double threshold) {
        int k = featuresPerTree;
        int[] order = this.order;
        double[] sample = this.sample;
        int j = lo;
        for (int i = lo; i < hi; i++) {
            int s = order[i];
            int goesLeft = sample[s * k + f] <= threshold ? 1 : 0;
            order[i] = order[j];
            order[j] = s;
            j += goesLeft;
        }
        return j;
    }

    /** Writes the grown tree as tree {@code t} of a complete layout of depth {@link #maxDepth}. */
    void copyInto(int t, int[] feature, double[] threshold, double[] leaf) {
        int splits = (1 << maxDepth) - 1;
        fillComplete(0, 0, 0, t * splits, t * (splits + 1) - splits, feature, threshold, leaf);
    }

    private void fillComplete(int node, int pos, int depth, int nodes, int leaves,
                              int[] feature, double[] threshold, double[] leaf) {
        if (depth == maxDepth) {
            leaf[leaves + pos] = nodeValue[node];
            return;
        }
        if (nodeFeature[node] < 0) {
            pad(pos, depth, nodeValue[node], nodes, leaves, feature, threshold, leaf);
            return;
        }
        feature[nodes + pos] = nodeFeature[node];
        threshold[nodes + pos] = nodeValue[node];
        fillComplete(nodeLeft[node], 2 * pos + 1, depth + 1, nodes, leaves, feature, threshold, leaf);
        fillComplete(nodeLeft[node] + 1, 2 * pos + 2, depth + 1, nodes, leaves, feature, threshold, leaf);
    }

    /** Below a leaf reached early: splits that send everything left, every leaf holding the value. */
    private void pad(int pos, int depth, double value, int nodes, int leaves,
                     int[] feature, double[] threshold, double[] leaf) {
        if (depth == maxDepth) {
            leaf[leaves + pos] = value;
            return;
        }
        feature[nodes + pos] = 0;
        threshold[nodes + pos] = Double.POSITIVE_INFINITY;
        pad(2 * pos + 1, depth + 1, value, nodes, leaves, feature, threshold, leaf);
        pad(2 * pos + 2, depth + 1, value, nodes, leaves, feature, threshold, leaf);
    }

    /** A copy of the grown tree for a linked layout (links relative to the tree's root). */
    LinkedForest.Tree snapshot() {
        int[] feature = Arrays.copyOf(nodeFeature, nodeCount);
        int[] left = Arrays.copyOf(nodeLeft, nodeCount);
        double[] value = Arrays.copyOf(nodeValue, nodeCount);
        return new LinkedForest.Tree(feature, left, value);
    }
}
