package io.sentinelrisk.core.detect.autoencoder;

import java.util.Arrays;

/**
 * The loss's gradient over a block of rows: a {@link ForwardBlock}'s forward pass, then the
 * backward pass on buffers allocated once, in the same layout and with the same weighted sums
 * ({@link ForwardBlock#weightedSum}), which C2 vectorises. The weight gradient needs the inputs or
 * the deltas transposed ({@code [row][unit]}), one copy per layer. Every sum runs in a fixed order.
 */
final class Backprop {
    private final Mlp net;
    private final ForwardBlock block;
    /** {@code delta[l][unit]}: the loss's gradient with respect to layer l's pre-activation, l ≥ 1. */
    private final double[][][] delta;
    /** One layer's inputs or deltas transposed, {@code [row][unit]}, for the weight gradient. */
    private final double[][] byRow;
    /** One row (or column) of a weight gradient while it is summed over the block's rows. */
    private final double[] gradRun;
    /** The always-1 input whose weights are the biases. */
    private final double[] ones;

    Backprop(Mlp net, int capacity) {
        this.net = net;
        this.block = new ForwardBlock(net, capacity);
        int[] sizes = net.sizes;
        delta = new double[sizes.length][][];
        for (int l = 1; l < sizes.length; l++) {
            delta[l] = new double[sizes[l]][capacity];
        }
        int widest = Arrays.stream(sizes).max().orElseThrow();
        byRow = new double[capacity][widest + 1];
        gradRun = new double[widest + 1];
        ones = new double[capacity];
        Arrays.fill(ones, 1.0);
    }

    /** The forward pass alone, e.g. for a validation loss ({@link ForwardBlock#rowSquaredError}). */
    ForwardBlock forward(double[] p, double[] x, int[] rows, int from, int to) {
        block.forward(p, x, rows, from, to);
        return block;
    }

    /**
     * Forward and backward pass over the rows {@code rows[from..to)}: returns their summed squared
     * reconstruction error {@code E} and writes {@code scale · ∂E/∂θ} into {@code grad}
     * (overwritten; {@link Mlp}'s parameter layout).
     */
    double lossAndGradient(double[] p, double[] x, int[] rows, int from, int to, double scale, double[] grad) {
        block.forward(p, x, rows, from, to);
        double[][][] act = block.act;
        int n = to - from;
        int last = net.layers();
        double loss = 0;
        for (int r = 0; r < n; r++) {
            loss += block.rowSquaredError(r);
        }
        for (int j = 0; j < net.inputs(); j++) {
            double[] y = act[last][j];
            double[] t = act[0][j];
            double[] g = delta[last][j];
            for (int r = 0; r < n; r++) {
                g[r] = scale * (y[r] - t[r]);
            }
        }
        for (int l = last - 1; l >= 0; l--) {
            weightGradient(l, n, grad);
            if (l == 0) {
                break;
            }
            int nIn = net.sizes[l];
            int nOut = net.sizes[l + 1];
            int w = net.weightOffset[l];
            double[][] dz = delta[l + 1];
            double[][] dPrev = delta[l];
            for (int i = 0; i < nIn; i++) {
                ForwardBlock.weightedSum(dPrev[i], 0.0, p, w + i, nIn, dz, nOut, n);
                net.activation.backpropInPlace(dPrev[i], act[l][i], 0, n);
            }
        }
        return loss;
    }

    /**
     * Layer l's weight and bias gradient, {@code Σ_r dz[o][r]·in[i][r]} and {@code Σ_r dz[o][r]},
     * into {@code grad}: as weighted sums over the longer of the layer's two widths, of the inputs
     * transposed (a gradient row per output) when there are at least as many inputs as outputs, of
     * the deltas transposed (a gradient column per input) otherwise. A bias is the weight of an
     * input that is always 1. Each entry sums the block's rows in order.
     */
    private void weightGradient(int l, int n, double[] grad) {
        int nIn = net.sizes[l];
        int nOut = net.sizes[l + 1];
        int w = net.weightOffset[l];
        int b = net.biasOffset[l];
        double[][] in = block.act[l];
        double[][] dz = delta[l + 1];
        double[] g = gradRun;
        if (nIn >= nOut) {
            for (int r = 0; r < n; r++) {
                double[] row = byRow[r];
                for (int i = 0; i < nIn; i++) {
                    row[i] = in[i][r];
                }
                row[nIn] = 1.0;
            }
            for (int o = 0; o < nOut; o++) {
                ForwardBlock.weightedSum(g, 0.0, dz[o], 0, 1, byRow, n, nIn + 1);
                System.arraycopy(g, 0, grad, w + o * nIn, nIn);
                grad[b + o] = g[nIn];
            }
        } else {
            for (int r = 0; r < n; r++) {
                double[] row = byRow[r];
                for (int o = 0; o < nOut; o++) {
                    row[o] = dz[o][r];
                }
            }
            for (int i = 0; i <= nIn; i++) {
                ForwardBlock.weightedSum(g, 0.0, i < nIn ? in[i] : ones, 0, 1, byRow, n, nOut);
                if (i < nIn) {
                    for (int o = 0; o < nOut; o++) {
                        grad[w + o * nIn + i] = g[o];
                    }
                } else {
                    System.arraycopy(g, 0, grad, b, nOut);
                }
            }
        }
    }
}
