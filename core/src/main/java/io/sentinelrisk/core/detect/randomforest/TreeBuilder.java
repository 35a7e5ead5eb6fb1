package io.sentinelrisk.core.detect.randomforest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one CART classification tree (Gini, binary labels, weighted rows) depth-first, as
 * scikit-learn's best splitter does: at each node, features are drawn at random until
 * {@code maxFeatures} non-constant ones have been tried; the threshold is the midpoint between
 * consecutive distinct values. Single-threaded; the forest runs trees in parallel.
 */
final class TreeBuilder {
    private final double[] x;
    private final int d;
    private final int[] y;
    private final double[] weight;
    private final int maxDepth;
    private final int minSamplesLeaf;
    private final int minSamplesSplit;
    private final int maxFeatures;
    private final SplittableRandom rnd;
    private final double[] importance;

    private final int[] rows;
    private final double[] keys;
    private final int[] order;
    private final int[] featurePool;

    private int[] feature = new int[64];
    private double[] threshold = new double[64];
    private int[] left = new int[64];
    private int[] right = new int[64];
    private double[] value = new double[64];
    private int count;

    /**
     * @param rows    the rows in the tree's sample (weight &gt; 0)
     * @param weight  per training row: bootstrap count × class weight
     */
    TreeBuilder(double[] x, int d, int[] y, double[] weight, int[] rows, int maxDepth, int minSamplesLeaf,
                int minSamplesSplit, int maxFeatures, SplittableRandom rnd, double[] importance) {
        this.x = x;
        this.d = d;
        this.y = y;
        this.weight = weight;
        this.rows = rows;
        this.maxDepth = maxDepth;
        this.minSamplesLeaf = minSamplesLeaf;
        this.minSamplesSplit = minSamplesSplit;
        this.maxFeatures = maxFeatures;
        this.rnd = rnd;
        this.importance = importance;
        this.keys = new double[rows.length];
        this.order = new int[rows.length];
        this.featurePool = new int[d];
    }

    Tree build() {
        grow(0, rows.length, 0);
        return new Tree(Arrays.copyOf(feature, count), Arrays.copyOf(threshold, count), Arrays.copyOf(left, count),
                Arrays.copyOf(right, count), Arrays.copyOf(value, count));
    }

    private int newNode() {
        if (count == feature.length) {
            int cap = count * 2;
            feature = Arrays.copyOf(feature, cap);
            threshold = Arrays.copyOf(threshold, cap);
            left = Arrays.copyOf(left, cap);
            right = Arrays.copyOf(right, cap);
            value = Arrays.copyOf(value, cap);
        }
        return count++;
    }

    private static double gini(double w0, double w1) {
        double w = w0 + w1;
        if (w <= 0) {
            return 0;
        }
        double p0 = w0 / w;
        double p1 = w1 / w;
        return 1 - p0 * p0 - p1 * p1;
    }

    private int grow(int from, int to, int depth) {
        int node = newNode();
        double w0 = 0;
        double w1 = 0;
        for (int i = from; i < to; i++) {
            int r = rows[i];
            if (y[r] == 1) {
                w1 += weight[r];
            } else {
                w0 += weight[r];
            }
        }
        double total = w0 + w1;
        value[node] = total > 0 ? w1 / total : 0;
        feature[node] = -1;
        double impurity = gini(w0, w1);
        int n = to - from;
        if (depth >= maxDepth || n < minSamplesSplit || n < 2 * minSamplesLeaf || impurity <= 1e-7) {
            return node;
        }

        int bestFeature = -1;
        double bestThreshold = 0;
        double bestProxy = Double.NEGATIVE_INFINITY;
        double bestLeft0 = 0;
        double bestLeft1 = 0;
        for (int j = 0; j < d; j++) {
            featurePool[j] = j;
        }
        int tried = 0;
        int remaining = d;
        while (remaining > 0 && tried < maxFeatures) {
            int pick = rnd.nextInt(remaining);
            int f = featurePool[pick];
            featurePool[pick] = featurePool[--remaining];
            for (int i = from; i < to; i++) {
                keys[i] = x[rows[i] * d + f];
                order[i] = rows[i];
            }
            PairSort.sort(keys, order, from, to);
            if (keys[from] == keys[to - 1]) {
                continue; // constant here: does not count towards max_features
            }
            tried++;
            double l0 = 0;
            double l1 = 0;
            for (int i = from; i < to - 1; i++) {
                int r = order[i];
                if (y[r] == 1) {
                    l1 += weight[r];
                } else {
                    l0 += weight[r];
                }
                if (keys[i + 1] == keys[i]) {
                    continue;
                }
                int nLeft = i + 1 - from;
                if (nLeft < minSamplesLeaf || n - nLeft < minSamplesLeaf) {
                    continue;
                }
                double lw = l0 + l1;
                double r0 = w0 - l0;
                double r1 = w1 - l1;
                double rw = r0 + r1;
                if (lw <= 0 || rw <= 0) {
                    continue;
                }
                // maximising Σ_c wL_c²/wL + Σ_c wR_c²/wR minimises the weighted child Gini
                double proxy = (l0 * l0 + l1 * l1) / lw + (r0 * r0 + r1 * r1) / rw;
                if (proxy > bestProxy) {
                    bestProxy = proxy;
                    bestFeature = f;
                    double t = (keys[i] + keys[i + 1]) / 2;
                    bestThreshold = t == keys[i + 1] ? keys[i] : t;
                    bestLeft0 = l0;
                    bestLeft1 = l1;
                }
            }
        }
        if (bestFeature < 0) {
            return node;
        }
        // partition rows[from, to) by the chosen split
        int i = from;
        int j = to - 1;
        while (i <= j) {
            if (x[rows[i] * d + bestFeature] <= bestThreshold) {
                i++;
            } else {
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
                j--;
            }
        }
        int mid = i;
        double lw = bestLeft0 + bestLeft1;
        double rw = total - lw;
        double decrease = total * impurity - lw * gini(bestLeft0, bestLeft1) - rw * gini(w0 - bestLeft0, w1 - bestLeft1);
        importance[bestFeature] += decrease;
        feature[node] = bestFeature;
        threshold[node] = bestThreshold;
        int l = grow(from, mid, depth + 1);
        int r = grow(mid, to, depth + 1);
        left[node] = l;
        right[node] = r;
        return node;
    }
}
