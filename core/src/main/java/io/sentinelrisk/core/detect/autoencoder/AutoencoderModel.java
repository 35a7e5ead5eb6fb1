package io.sentinelrisk.core.detect.autoencoder;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.BatchScoring;
import io.sentinelrisk.core.util.Parallel;

/**
 * A fitted dense autoencoder. Score = the row's mean squared reconstruction error;
 * {@link #embed} gives the bottleneck activations (the middle hidden layer) for later stages.
 */
public final class AutoencoderModel implements FittedDetector {
    private final Mlp net;
    private final double[] parameters;
    private final TrainingSummary summary;
    /** Index into the activations of the bottleneck layer (1-based layer output). */
    private final int bottleneck;

    AutoencoderModel(int[] sizes, Activation activation, double[] parameters, TrainingSummary summary) {
        this.net = new Mlp(sizes, activation);
        this.parameters = parameters;
        this.summary = summary;
        int hiddenCount = sizes.length - 2;
        this.bottleneck = 1 + (hiddenCount - 1) / 2;
    }

    @Override
    public String type() {
        return AutoencoderFactory.TYPE;
    }

    @Override
    public int featureCount() {
        return net.inputs();
    }

    /** Layer widths, input and output included, e.g. [10, 32, 16, 32, 10]. */
    public int[] layerSizes() {
        return net.sizes.clone();
    }

    public Activation activation() {
        return net.activation;
    }

    public TrainingSummary summary() {
        return summary;
    }

    /** Width of the bottleneck (middle hidden) layer. */
    public int embeddingSize() {
        return net.sizes[bottleneck];
    }

    double[] parameters() {
        return parameters.clone();
    }

    @Override
    public double score(double[] row) {
        BatchScoring.checkFeatures(type(), featureCount(), row.length);
        double[][] act = net.newActivations();
        net.forward(parameters, row, 0, act);
        return net.rowError(row, 0, act);
    }

    /** Rows per {@link ForwardBlock} in batch scoring and embedding. */
    private static final int BLOCK_ROWS = 128;

    /** Same scores as {@link #score(double[])} row by row, bit for bit, computed in blocks of rows. */
    @Override
    public void score(Matrix x, double[] out, int threads) {
        BatchScoring.checkFeatures(type(), featureCount(), x.cols());
        int d = x.cols();
        Parallel.forRange(x.rows(), threads, 512, (from, to) -> {
            ForwardBlock block = new ForwardBlock(net, Math.min(BLOCK_ROWS, to - from));
            for (int i = from; i < to; i += block.capacity) {
                int n = Math.min(block.capacity, to - i);
                block.forward(parameters, x.data(), i, n);
                for (int r = 0; r < n; r++) {
                    out[i + r] = block.rowSquaredError(r) / d;
                }
            }
        });
    }

    /** The bottleneck activations of every row: {@code rows × embeddingSize()}. */
    public Matrix embed(Matrix x, int threads) {
        BatchScoring.checkFeatures(type(), featureCount(), x.cols());
        int d = x.cols();
        int e = embeddingSize();
        double[] out = new double[Math.multiplyExact(x.rows(), e)];
        Parallel.forRange(x.rows(), threads, 512, (from, to) -> {
            ForwardBlock block = new ForwardBlock(net, Math.min(BLOCK_ROWS, to - from));
            double[][] middle = block.act[bottleneck];
            for (int i = from; i < to; i += block.capacity) {
                int n = Math.min(block.capacity, to - i);
                block.forward(parameters, x.data(), i, n);
                for (int r = 0; r < n; r++) {
                    for (int u = 0; u < e; u++) {
                        out[(i + r) * e + u] = middle[u][r];
                    }
                }
            }
        });
        return new Matrix(x.rows(), e, out);
    }

    /**
     * The network's reconstruction of every row ({@code rows × featureCount()}), computed in the
     * same blocks as {@link #score(Matrix, double[], int)}, so a row's reconstruction is the same
     * bits alone or in a batch. The difference to the input is each feature's reconstruction error.
     */
    public Matrix reconstruct(Matrix x, int threads) {
        BatchScoring.checkFeatures(type(), featureCount(), x.cols());
        int d = x.cols();
        double[] out = new double[Math.multiplyExact(x.rows(), d)];
        int last = net.sizes.length - 1;
        Parallel.forRange(x.rows(), threads, 512, (from, to) -> {
            ForwardBlock block = new ForwardBlock(net, Math.min(BLOCK_ROWS, to - from));
            double[][] output = block.act[last];
            for (int i = from; i < to; i += block.capacity) {
                int n = Math.min(block.capacity, to - i);
                block.forward(parameters, x.data(), i, n);
                for (int r = 0; r < n; r++) {
                    for (int j = 0; j < d; j++) {
                        out[(i + r) * d + j] = output[j][r];
                    }
                }
            }
        });
        return new Matrix(x.rows(), d, out);
    }
}
