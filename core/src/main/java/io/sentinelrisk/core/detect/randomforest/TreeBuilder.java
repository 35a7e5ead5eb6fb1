package io.sentinelrisk.core.detect.randomforest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows one CART classification tree (Gini, binary labels, weighted rows) depth-first, as
 * scikit-learn's best splitter does: at each node, features are drawn at random until
 * {@code maxFeatures} non-constant ones have been tried; the threshold is the midpoint between
 * consecutive distinct values. Single-threaded; the forest runs trees in parallel.
 *
 * <p>Where it pays, the rows are kept sorted by every feature (one list per feature, sorted once
 * per forest) and each split partitions the lists stably, so no node sorts: d·size work per
 * node instead of about 2·maxFeatures·size·log2(size). Nodes where sorting is cheaper (many
 * features, few rows) sort the drawn features instead. Both find the same splits.
 */
final class TreeBuilder {
    /** Feature-major training values, {@code columns[f * n + row]}: a node's values of one feature are gathered from one array. */
    private final double[] columns;
    private final int n;
    private final int d;
    private final int[] y;
    private final double[] weight;
    private final int maxDepth;
    private final int minSamplesLeaf;
    private final int minSamplesSplit;
    private final int maxFeatures;
    private final SplittableRandom rnd;
    private final double[] importance;

    /** How many rows the tree's sample has. */
    private final int m;
    /** A node's rows when it sorts: {@code rows[from, to)}. */
    private final int[] rows;
    /**
     * When presorted, {@code sorted[f * m + i]} for i in [from, to) are a node's rows in ascending
     * order of feature f, and {@code sorted[from, to)} (feature 0) are its rows.
     */
    private final int[] sorted;
    private final boolean[] goesLeft;
    private final int[] spill;
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
     * @param columns the n training rows' values feature-major ({@link #featureMajor})
     * @param byValue per feature, all n rows in ascending order of its values ({@link #sortedRows}),
     *                or null to sort at every node
     * @param rows    the rows in the tree's sample (weight &gt; 0), ascending
     * @param weight  per training row: bootstrap count × class weight
     */
    TreeBuilder(double[] columns, int[][] byValue, int n, int d, int[] y, double[] weight, int[] rows, int maxDepth,
                int minSamplesLeaf, int minSamplesSplit, int maxFeatures, SplittableRandom rnd, double[] importance) {
        this.columns = columns;
        this.n = n;
        this.d = d;
        this.y = y;
        this.weight = weight;
        this.rows = rows;
        this.m = rows.length;
        this.maxDepth = maxDepth;
        this.minSamplesLeaf = minSamplesLeaf;
        this.minSamplesSplit = minSamplesSplit;
        this.maxFeatures = maxFeatures;
        this.rnd = rnd;
        this.importance = importance;
        this.keys = new double[m];
        this.order = new int[m];
        this.featurePool = new int[d];
        if (byValue != null && presortPays(m)) {
            sorted = new int[d * m];
            for (int f = 0; f < d; f++) {
                int at = f * m;
                for (int r : byValue[f]) {
                    if (weight[r] > 0) {
                        sorted[at++] = r;
                    }
                }
            }
            goesLeft = new boolean[n];
            spill = new int[m];
        } else {
            sorted = null;
            goesLeft = null;
            spill = null;
        }
    }

    /** The rows of a row-major matrix, feature-major: {@code out[f * n + row]}. */
    static double[] featureMajor(double[] x, int n, int d) {
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                out[f * n + i] = x[i * d + f];
            }
        }
        return out;
    }

    /** Per feature, the rows 0..n-1 in ascending order of its values in {@code columns}. */
    static int[][] sortedRows(double[] columns, int n, int d) {
        int[][] out = new int[d][];
        double[] keys = new double[n];
        for (int f = 0; f < d; f++) {
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            System.arraycopy(columns, f * n, keys, 0, n);
            PairSort.sort(keys, idx, 0, n);
            out[f] = idx;
        }
        return out;
    }

    /** Whether partitioning d sorted lists is cheaper than sorting the drawn features of a node of {@code size} rows. */
    boolean presortPays(int size) {
        return d <= 2.0 * maxFeatures * (Math.log(Math.max(size, 2)) / Math.log(2));
    }

    Tree build() {
        grow(0, m, 0, sorted != null);
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

    private int grow(int from, int to, int depth, boolean presorted) {
        int size = to - from;
        if (presorted && !presortPays(size)) {
            System.arraycopy(sorted, from, rows, from, size);
            presorted = false;
        }
        int[] nodeRows = presorted ? sorted : rows;
        int node = newNode();
        double w0 = 0;
        double w1 = 0;
        for (int i = from; i < to; i++) {
            int r = nodeRows[i];
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
        if (depth >= maxDepth || size < minSamplesSplit || size < 2 * minSamplesLeaf || impurity <= 1e-7) {
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
            int column = f * n;
            if (presorted) {
                System.arraycopy(sorted, f * m + from, order, from, size);
                for (int i = from; i < to; i++) {
                    keys[i] = columns[column + order[i]];
                }
            } else {
                for (int i = from; i < to; i++) {
                    keys[i] = columns[column + rows[i]];
                    order[i] = rows[i];
                }
                PairSort.sort(keys, order, from, to);
            }
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
                if (nLeft < minSamplesLeaf || size - nLeft < minSamplesLeaf) {
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
        int mid = presorted ? partitionSorted(from, to, bestFeature, bestThreshold) : partitionRows(from, to, bestFeature, bestThreshold);
        double lw = bestLeft0 + bestLeft1;
        double rw = total - lw;
        double decrease = total * impurity - lw * gini(bestLeft0, bestLeft1) - rw * gini(w0 - bestLeft0, w1 - bestLeft1);
        importance[bestFeature] += decrease;
        feature[node] = bestFeature;
        threshold[node] = bestThreshold;
        int l = grow(from, mid, depth + 1, presorted);
        int r = grow(mid, to, depth + 1, presorted);
        left[node] = l;
        right[node] = r;
        return node;
    }

    /** Splits {@code rows[from, to)} in place by the split; returns where the right side starts. */
    private int partitionRows(int from, int to, int f, double t) {
        int column = f * n;
        int i = from;
        int j = to - 1;
        while (i <= j) {
            if (columns[column + rows[i]] <= t) {
                i++;
            } else {
                int swap = rows[i];
                rows[i] = rows[j];
                rows[j] = swap;
                j--;
            }
        }
        return i;
    }

    /** Splits every feature's list over [from, to) by the split, keeping each side in order; returns where the right side starts. */
    private int partitionSorted(int from, int to, int f, double t) {
        int column = f * n;
        int lefts = 0;
        for (int i = from; i < to; i++) {
            int r = sorted[i];
            boolean l = columns[column + r] <= t;
            goesLeft[r] = l;
            lefts += l ? 1 : 0;
        }
        for (int g = 0; g < d; g++) {
            int base = g * m;
            int write = base + from;
            int spilled = 0;
            for (int i = base + from; i < base + to; i++) {
                int r = sorted[i];
                if (goesLeft[r]) {
                    sorted[write++] = r;
                } else {
                    spill[spilled++] = r;
                }
            }
            System.arraycopy(spill, 0, sorted, write, spilled);
        }
        return from + lefts;
    }
}
