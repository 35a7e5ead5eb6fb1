package io.sentinelrisk.core.detect.randomforest;

/**
 * One fitted decision tree in flat arrays. Node 0 is the root; a leaf has {@code feature = -1}
 * and {@code value} = its weighted fraction of anomalies. A row goes left when
 * {@code x[feature] <= threshold}.
 */
record Tree(int[] feature, double[] threshold, int[] left, int[] right, double[] value) {

    double predict(double[] x, int off) {
        int node = 0;
        while (feature[node] >= 0) {
            node = x[off + feature[node]] <= threshold[node] ? left[node] : right[node];
        }
        return value[node];
    }

    int nodeCount() {
        return feature.length;
    }

    /** Checks the structure read from a bundle: children in range and after their parent, so every path ends. */
    boolean isWellFormed(int features) {
        int n = feature.length;
        if (n == 0 || threshold.length != n || left.length != n || right.length != n || value.length != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (feature[i] >= 0) {
                if (feature[i] >= features || left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n) {
                    return false;
                }
            } else if (feature[i] != -1 || !(value[i] >= 0 && value[i] <= 1)) {
                return false;
            }
        }
        return true;
    }
}
