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
}
