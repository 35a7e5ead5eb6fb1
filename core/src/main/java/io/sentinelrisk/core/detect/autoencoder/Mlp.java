package io.sentinelrisk.core.detect.autoencoder;

/**
 * A dense network on one flat parameter vector: layer {@code l} maps {@code sizes[l]} inputs to
 * {@code sizes[l+1]} outputs with weights {@code W_l} (row-major, output × input) then biases.
 * Hidden layers use the activation; the output layer is linear. Every sum runs in a fixed order,
 * so results are bit-for-bit reproducible.
 */
final class Mlp {
    final int[] sizes;
    final int[] weightOffset;
    final int[] biasOffset;
    final int parameterCount;
    final Activation activation;

    Mlp(int[] sizes, Activation activation) {
        this.sizes = sizes.clone();
        this.activation = activation;
        int layers = sizes.length - 1;
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        int off = 0;
        for (int l = 0; l < layers; l++) {
            weightOffset[l] = off;
            off += sizes[l] * sizes[l + 1];
            biasOffset[l] = off;
            off += sizes[l + 1];
        }
        parameterCount = off;
    }

    int layers() {
        return sizes.length - 1;
    }

    int inputs() {
        return sizes[0];
    }

    /** Activation buffers for one row: {@code act[l]} holds layer l's output, l = 1 .. layers. */
    double[][] newActivations() {
        double[][] act = new double[sizes.length][];
        for (int l = 1; l < sizes.length; l++) {
            act[l] = new double[sizes[l]];
        }
        return act;
    }

    /** Forward pass of the row at {@code x[off..]}; fills {@code act[1..layers]}. */
    void forward(double[] p, double[] x, int off, double[][] act) {
        double[] in = x;
        int inOff = off;
        for (int l = 0; l < layers(); l++) {
            int nIn = sizes[l];
            int nOut = sizes[l + 1];
            double[] out = act[l + 1];
            int w = weightOffset[l];
            int b = biasOffset[l];
            boolean hidden = l < layers() - 1;
            for (int o = 0; o < nOut; o++) {
                double z = p[b + o];
                int row = w + o * nIn;
                for (int i = 0; i < nIn; i++) {
                    z += p[row + i] * in[inOff + i];
                }
                out[o] = hidden ? activation.apply(z) : z;
            }
            in = out;
            inOff = 0;
        }
    }

    /** Mean squared reconstruction error of one row (after {@link #forward}). */
    double rowError(double[] x, int off, double[][] act) {
        double[] out = act[layers()];
        double s = 0;
        for (int j = 0; j < out.length; j++) {
            double e = out[j] - x[off + j];
            s += e * e;
        }
        return s / out.length;
    }

    /** Per-thread buffers for backpropagation. */
    final class Scratch {
        final double[][] act = newActivations();
        final double[][] delta = newActivations();
    }

    /**
     * The batch loss {@code mean over rows and features of (output - input)²} for the rows
     * {@code rows[from..to)} of {@code x} (row-major, {@code inputs()} wide), and its gradient
     * written into {@code grad} (overwritten).
     */
    double lossAndGradient(double[] p, double[] x, int[] rows, int from, int to, double[] grad, Scratch s) {
        java.util.Arrays.fill(grad, 0, parameterCount, 0.0);
        int d = inputs();
        int batch = to - from;
        double scale = 2.0 / ((double) batch * d);
        double loss = 0;
        int last = layers();
        for (int r = from; r < to; r++) {
            int off = rows[r] * d;
            forward(p, x, off, s.act);
            double[] out = s.act[last];
            double[] dOut = s.delta[last];
            for (int j = 0; j < d; j++) {
                double e = out[j] - x[off + j];
                loss += e * e;
                dOut[j] = scale * e;
            }
            for (int l = last - 1; l >= 0; l--) {
                int nIn = sizes[l];
                int nOut = sizes[l + 1];
                double[] dz = s.delta[l + 1];
                int w = weightOffset[l];
                int b = biasOffset[l];
                double[] in = l == 0 ? x : s.act[l];
                int inOff = l == 0 ? off : 0;
                for (int o = 0; o < nOut; o++) {
                    double g = dz[o];
                    grad[b + o] += g;
                    int row = w + o * nIn;
                    for (int i = 0; i < nIn; i++) {
                        grad[row + i] += g * in[inOff + i];
                    }
                }
                if (l > 0) {
                    double[] dPrev = s.delta[l];
                    double[] aPrev = s.act[l];
                    for (int i = 0; i < nIn; i++) {
                        double sum = 0;
                        for (int o = 0; o < nOut; o++) {
                            sum += p[w + o * nIn + i] * dz[o];
                        }
                        dPrev[i] = sum * activation.derivativeFromOutput(aPrev[i]);
                    }
                }
            }
        }
        return loss / ((double) batch * d);
    }
}
