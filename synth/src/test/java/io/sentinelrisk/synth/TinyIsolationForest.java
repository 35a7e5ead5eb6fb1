package io.sentinelrisk.synth;

import java.util.SplittableRandom;

/**
 * A minimal isolation forest (Liu, Ting and Zhou, 2008) used only to check that generated
 * attacks are separable; the product's own detector lives in core.
 */
public final class TinyIsolationForest {
    private TinyIsolationForest() {
    }

    /** Scores (higher = more anomalous) of every row of the row-major matrix x (n × d). */
    public static double[] score(double[] x, int n, int d, int trees, int sample, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] depth = new double[n];
        int psi = Math.min(sample, n);
        int limit = (int) Math.ceil(Math.log(psi) / Math.log(2));
        for (int t = 0; t < trees; t++) {
            int[] idx = new int[psi];
            for (int i = 0; i < psi; i++) {
                idx[i] = rng.nextInt(n);
            }
            Node root = build(x, d, idx, 0, psi, 0, limit, rng);
            for (int r = 0; r < n; r++) {
                depth[r] += path(root, x, r * d, 0);
            }
        }
        double c = c(psi);
        double[] s = new double[n];
        for (int r = 0; r < n; r++) {
            s[r] = Math.pow(2, -(depth[r] / trees) / c);
        }
        return s;
    }

    private record Node(int feature, double split, Node left, Node right, int size) {
    }

    private static Node build(double[] x, int d, int[] idx, int from, int to, int depthNow, int limit, SplittableRandom rng) {
        int size = to - from;
        if (depthNow >= limit || size <= 1) {
            return new Node(-1, 0, null, null, size);
        }
        int f = rng.nextInt(d);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double v = x[idx[i] * d + f];
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo == hi) {
            return new Node(-1, 0, null, null, size);
        }
        double split = lo + (hi - lo) * rng.nextDouble();
        int mid = from;
        for (int i = from; i < to; i++) {
            if (x[idx[i] * d + f] < split) {
                int t = idx[i];
                idx[i] = idx[mid];
                idx[mid++] = t;
            }
        }
        return new Node(f, split, build(x, d, idx, from, mid, depthNow + 1, limit, rng),
                build(x, d, idx, mid, to, depthNow + 1, limit, rng), size);
    }

    private static double path(Node node, double[] x, int off, int depthNow) {
        if (node.feature < 0) {
            return depthNow + c(node.size);
        }
        return x[off + node.feature] < node.split ? path(node.left, x, off, depthNow + 1) : path(node.right, x, off, depthNow + 1);
    }

    private static double c(int n) {
        if (n <= 1) {
            return 0;
        }
        return 2 * (Math.log(n - 1) + 0.5772156649) - 2.0 * (n - 1) / n;
    }
}
