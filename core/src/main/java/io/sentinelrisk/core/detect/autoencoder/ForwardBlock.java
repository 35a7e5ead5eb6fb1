package io.sentinelrisk.core.detect.autoencoder;

import java.util.Arrays;

/**
 * The forward pass of an {@link Mlp} over a block of up to {@code capacity} rows at once, on
 * buffers allocated once; training ({@link Backprop}) and batch scoring both use it.
 *
 * <p>Layout, chosen for what HotSpot's C2 compiles to SIMD code: every unit of every layer has its
 * own array of the block's rows ({@code act[l][unit][row]}), and the work is weighted sums of such
 * arrays into another ({@link #weightedSum}) with the same index in every array. C2 vectorises
 * those; it does not vectorise a loop over runs at different offsets of arrays that might be the
 * same one, nor (keeping floating-point sums in order) a dot product. Four sources per pass over
 * the destination spare three quarters of its loads and stores.
 *
 * <p>Each output adds the same terms in the same order as {@link Mlp#forward} (bias, then input
 * 0, 1, …), so a block reconstructs each row bit for bit as the row-by-row pass does.
 */
final class ForwardBlock {
    final Mlp net;
    final int capacity;
    /** {@code act[0][feature]}: the block's input rows; {@code act[l][unit]}: layer l's output. */
    final double[][][] act;
    /** Per block row: its squared reconstruction error summed over features. */
    private final double[] rowError;

    ForwardBlock(Mlp net, int capacity) {
        this.net = net;
        this.capacity = capacity;
        act = new double[net.sizes.length][][];
        for (int l = 0; l < net.sizes.length; l++) {
            act[l] = new double[net.sizes[l]][capacity];
        }
        rowError = new double[capacity];
    }

    /** Runs the block on the rows {@code rows[from..to)} of {@code x} (row-major, {@link Mlp#inputs()} wide). */
    void forward(double[] p, double[] x, int[] rows, int from, int to) {
        int n = checkRows(to - from);
        int d = net.inputs();
        double[][] in0 = act[0];
        for (int r = 0; r < n; r++) {
            int off = rows[from + r] * d;
            for (int j = 0; j < d; j++) {
                in0[j][r] = x[off + j];
            }
        }
        run(p, n);
    }

    /** Runs the block on the consecutive rows {@code first .. first+n-1} of {@code x}. */
    void forward(double[] p, double[] x, int first, int n) {
        checkRows(n);
        int d = net.inputs();
        double[][] in0 = act[0];
        for (int r = 0; r < n; r++) {
            int off = (first + r) * d;
            for (int j = 0; j < d; j++) {
                in0[j][r] = x[off + j];
            }
        }
        run(p, n);
    }

    private int checkRows(int n) {
        if (n > capacity) {
            throw new IllegalArgumentException(n + " rows exceed the block's capacity " + capacity);
        }
        return n;
    }

    /** The forward pass of the {@code n} rows in {@code act[0]}, and their squared errors. */
    private void run(double[] p, int n) {
        int layers = net.layers();
        for (int l = 0; l < layers; l++) {
            int nIn = net.sizes[l];
            int nOut = net.sizes[l + 1];
            int w = net.weightOffset[l];
            int b = net.biasOffset[l];
            double[][] in = act[l];
            double[][] out = act[l + 1];
            for (int o = 0; o < nOut; o++) {
                weightedSum(out[o], p[b + o], p, w + o * nIn, 1, in, nIn, n);
                if (l < layers - 1) {
                    net.activation.applyInPlace(out[o], 0, n);
                }
            }
        }
        Arrays.fill(rowError, 0, n, 0.0);
        double[][] in0 = act[0];
        double[][] out = act[layers];
        for (int j = 0; j < net.inputs(); j++) {
            double[] y = out[j];
            double[] t = in0[j];
            for (int r = 0; r < n; r++) {
                double e = y[r] - t[r];
                rowError[r] += e * e;
            }
        }
    }

    /** The squared reconstruction error of block row {@code r}, summed over features (after a forward pass). */
    double rowSquaredError(int r) {
        return rowError[r];
    }

    /**
     * {@code z[r] = c + Σ_{k<m} w[at + k·stride]·a[k][r]} for r < n, the terms added left to right
     * (k = 0 first), four per pass over z.
     */
    static void weightedSum(double[] z, double c, double[] w, int at, int stride, double[][] a, int m, int n) {
        int k = 0;
        if (m >= 4) {
            set4(z, c, w[at], a[0], w[at + stride], a[1], w[at + 2 * stride], a[2], w[at + 3 * stride], a[3], n);
            k = 4;
        } else {
            Arrays.fill(z, 0, n, c);
        }
        for (; k + 4 <= m; k += 4) {
            int wk = at + k * stride;
            add4(z, w[wk], a[k], w[wk + stride], a[k + 1], w[wk + 2 * stride], a[k + 2], w[wk + 3 * stride], a[k + 3], n);
        }
        for (; k < m; k++) {
            add1(z, w[at + k * stride], a[k], n);
        }
    }

    /** {@code z[r] = c + w0·a0[r] + w1·a1[r] + w2·a2[r] + w3·a3[r]}, added left to right, for r < n. */
    private static void set4(double[] z, double c, double w0, double[] a0, double w1, double[] a1, double w2, double[] a2,
                             double w3, double[] a3, int n) {
        for (int r = 0; r < n; r++) {
            z[r] = c + w0 * a0[r] + w1 * a1[r] + w2 * a2[r] + w3 * a3[r];
        }
    }

    /** {@code z[r] = z[r] + w0·a0[r] + w1·a1[r] + w2·a2[r] + w3·a3[r]}, added left to right, for r < n. */
    private static void add4(double[] z, double w0, double[] a0, double w1, double[] a1, double w2, double[] a2,
                             double w3, double[] a3, int n) {
        for (int r = 0; r < n; r++) {
            z[r] = z[r] + w0 * a0[r] + w1 * a1[r] + w2 * a2[r] + w3 * a3[r];
        }
    }

    private static void add1(double[] z, double w0, double[] a0, int n) {
        for (int r = 0; r < n; r++) {
            z[r] = z[r] + w0 * a0[r];
        }
    }
}
