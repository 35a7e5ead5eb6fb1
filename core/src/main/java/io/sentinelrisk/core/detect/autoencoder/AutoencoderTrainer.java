package io.sentinelrisk.core.detect.autoencoder;

import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorTrainer;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.error.InputException;

import java.util.SplittableRandom;

/**
 * Trains the autoencoder with mini-batch Adam on the reconstruction MSE. A batch's gradient is
 * computed in fixed blocks of rows, in parallel, and added up in block order
 * ({@link MinibatchGradient}), so the order of every floating-point operation — and so the model —
 * depends only on the data, the settings and the seed, never on the thread count.
 */
final class AutoencoderTrainer implements DetectorTrainer {
    private final int[] hidden;
    private final Activation activation;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final int epochs;
    private final int batchSize;
    private final double validationFraction;
    private final int patience;
    private final long seed;

    AutoencoderTrainer(AutoencoderParams p, long seed) {
        this(p.hiddenLayers().stream().mapToInt(Integer::intValue).toArray(), p.activation(), p.learningRate(),
                p.beta1(), p.beta2(), p.epsilon(), p.epochs(), p.batchSize(), p.validationFraction(), p.patience(), seed);
    }

    private AutoencoderTrainer(int[] hidden, Activation activation, double learningRate, double beta1, double beta2,
                       double epsilon, int epochs, int batchSize, double validationFraction, int patience, long seed) {
        this.hidden = hidden;
        this.activation = activation;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.validationFraction = validationFraction;
        this.patience = patience;
        this.seed = seed;
    }

    static int[] layerSizes(int features, int[] hidden) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = features;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = features;
        return sizes;
    }

    /** PyTorch's default initialisation of a Linear layer: U(-1/√fan_in, 1/√fan_in) for weights and biases. */
    static double[] initialParameters(Mlp net, SplittableRandom rnd) {
        double[] p = new double[net.parameterCount];
        for (int l = 0; l < net.layers(); l++) {
            double bound = 1.0 / Math.sqrt(net.sizes[l]);
            int end = net.biasOffset[l] + net.sizes[l + 1];
            for (int i = net.weightOffset[l]; i < end; i++) {
                p[i] = (rnd.nextDouble() * 2 - 1) * bound;
            }
        }
        return p;
    }

    @Override
    public FittedDetector fit(Matrix x, int[] labels, int threads) {
        int n = x.rows();
        int d = x.cols();
        if (n < 2 || d < 1) {
            throw new InputException("autoencoder: needs at least 2 training rows and 1 feature, found " + n + " × " + d);
        }
        Mlp net = new Mlp(layerSizes(d, hidden), activation);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] p = initialParameters(net, rnd);

        int[] order = permutation(n, rnd);
        int nVal = (int) Math.floor(validationFraction * n);
        if (nVal >= n) {
            nVal = n - 1;
        }
        int nTrain = n - nVal;
        int[] train = java.util.Arrays.copyOfRange(order, nVal, n);
        int[] val = java.util.Arrays.copyOfRange(order, 0, nVal);

        Adam adam = new Adam(net.parameterCount, learningRate, beta1, beta2, epsilon);
        double[] grad = new double[net.parameterCount];
        double[] best = p.clone();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int waited = 0;
        int epoch = 0;
        double lastTrainLoss = Double.NaN;
        try (MinibatchGradient gradient = new MinibatchGradient(net, Math.min(batchSize, nTrain), threads)) {
            while (epoch < epochs) {
                epoch++;
                shuffle(train, rnd);
                double sum = 0;
                for (int from = 0; from < nTrain; from += batchSize) {
                    int to = Math.min(nTrain, from + batchSize);
                    double loss = gradient.compute(p, x.data(), train, from, to, grad);
                    sum += loss * (to - from);
                    adam.step(p, grad);
                }
                lastTrainLoss = sum / nTrain;
                if (!Double.isFinite(lastTrainLoss)) {
                    throw new InputException("autoencoder: training diverged (loss " + lastTrainLoss
                            + " in epoch " + epoch + "); lower learning_rate or check the prepared features");
                }
                if (nVal == 0) {
                    continue;
                }
                double valLoss = gradient.meanError(p, x.data(), val);
                if (valLoss < bestLoss) {
                    bestLoss = valLoss;
                    bestEpoch = epoch;
                    System.arraycopy(p, 0, best, 0, p.length);
                    waited = 0;
                } else if (++waited >= patience) {
                    break;
                }
            }
        }
        double[] kept = nVal == 0 ? p : best;
        TrainingSummary summary = new TrainingSummary(epoch, nVal == 0 ? epoch : bestEpoch, lastTrainLoss,
                nVal == 0 ? Double.NaN : bestLoss);
        return new AutoencoderModel(net.sizes, activation, kept, summary);
    }

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a, rnd);
        return a;
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
