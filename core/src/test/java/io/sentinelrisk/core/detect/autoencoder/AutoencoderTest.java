package io.sentinelrisk.core.detect.autoencoder;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.support.PlantedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AutoencoderTest {

    /**
     * Backpropagation against central finite differences of the batch loss, parameter by
     * parameter: on a few rows (one block), on a batch of three blocks whose gradients are added,
     * and on a batch of 16 blocks too large for one pass each (two chunks per block).
     */
    @ParameterizedTest(name = "{0}, {1} rows")
    @CsvSource({"RELU, 5", "TANH, 5", "RELU, 150", "TANH, 150", "TANH, 4500"})
    void gradientMatchesFiniteDifferences(Activation activation, int batch) {
        Mlp net = new Mlp(new int[] {4, 6, 3, 5, 4}, activation);
        SplittableRandom rnd = new SplittableRandom(17);
        double[] p = AutoencoderTrainer.initialParameters(net, rnd);
        int n = batch + 2;
        double[] x = new double[n * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = PlantedData.gaussian(rnd);
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = n - 1 - i;
        }
        try (MinibatchGradient g = new MinibatchGradient(net, batch, 2)) {
            double[] grad = new double[net.parameterCount];
            g.compute(p, x, rows, 1, 1 + batch, grad);
            double[] unused = new double[net.parameterCount];
            double h = 1e-6;
            double worst = 0;
            for (int i = 0; i < p.length; i++) {
                double keep = p[i];
                p[i] = keep + h;
                double up = g.compute(p, x, rows, 1, 1 + batch, unused);
                p[i] = keep - h;
                double down = g.compute(p, x, rows, 1, 1 + batch, unused);
                p[i] = keep;
                double numeric = (up - down) / (2 * h);
                worst = Math.max(worst, Math.abs(numeric - grad[i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(grad[i])));
            }
            assertThat(worst).isLessThan(1e-5);
        }
    }

    @Test
    void lossIsTheMeanSquaredReconstructionErrorThatScoringReports() {
        Mlp net = new Mlp(new int[] {3, 2, 3}, Activation.TANH);
        double[] p = AutoencoderTrainer.initialParameters(net, new SplittableRandom(1));
        double[] x = {1, 2, 3, -1, 0, 1};
        double loss;
        double validation;
        try (MinibatchGradient g = new MinibatchGradient(net, 2, 1)) {
            loss = g.compute(p, x, new int[] {0, 1}, 0, 2, new double[net.parameterCount]);
            validation = g.meanError(p, x, new int[] {1, 0});
        }
        AutoencoderModel m = new AutoencoderModel(net.sizes, Activation.TANH, p, new TrainingSummary(0, 0, 0, 0));
        double[] scores = new double[2];
        m.score(new Matrix(2, 3, x), scores, 1);
        assertThat(loss).isCloseTo((scores[0] + scores[1]) / 2, within(1e-15));
        assertThat(validation).isCloseTo((scores[0] + scores[1]) / 2, within(1e-15));
    }

    /**
     * The block forward pass (training, batch scoring) adds the same terms in the same order as the
     * row-by-row one (single-row scoring): equal to the bit, for rows gathered by index and for
     * consecutive rows in blocks of any size.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void blockReconstructionErrorsEqualTheRowByRowScoresExactly(Activation activation) {
        Mlp net = new Mlp(new int[] {7, 9, 3, 9, 7}, activation);
        SplittableRandom rnd = new SplittableRandom(23);
        double[] p = AutoencoderTrainer.initialParameters(net, rnd);
        int n = 150;
        double[] x = new double[n * 7];
        for (int i = 0; i < x.length; i++) {
            x[i] = PlantedData.gaussian(rnd);
        }
        AutoencoderModel m = new AutoencoderModel(net.sizes, activation, p, new TrainingSummary(0, 0, 0, 0));
        Matrix data = new Matrix(n, 7, x);
        double[] rowByRow = new double[n];
        for (int i = 0; i < n; i++) {
            rowByRow[i] = m.score(data.row(i, new double[7]));
        }
        int[] rows = {149, 3, 77, 0, 77};
        ForwardBlock block = new Backprop(net, rows.length).forward(p, x, rows, 0, rows.length);
        for (int r = 0; r < rows.length; r++) {
            assertThat(block.rowSquaredError(r) / 7).as("row %d", rows[r]).isEqualTo(rowByRow[rows[r]]);
        }
        double[] batch = new double[n];
        m.score(data, batch, 3);
        assertThat(batch).isEqualTo(rowByRow);
    }

    /**
     * Blocks of a batch run on however many threads there are, and their gradients are added in
     * block order: the trained weights must not change by one bit with the thread count. Batches
     * here are large enough (rows × parameters) to take the parallel path, with a partial last batch.
     */
    @ParameterizedTest(name = "{0}, batch {1}")
    @CsvSource({"RELU, 256", "TANH, 256", "RELU, 1000", "RELU, 100"})
    void trainedWeightsDoNotDependOnTheThreadCount(Activation activation, int batch) {
        PlantedData data = PlantedData.generate(9, 1300, 20, 6);
        Map<String, Object> raw = Map.of("hidden_layers", java.util.List.of(16, 8, 16), "epochs", 4,
                "batch_size", batch, "activation", activation.configName(), "validation_fraction", 0.2);
        double[] one = fit(raw, data.x(), 4, 1).parameters();
        for (int threads : new int[] {2, 3, 8}) {
            assertThat(fit(raw, data.x(), 4, threads).parameters()).as("%d threads", threads).isEqualTo(one);
        }
        assertThat(fit(raw, data.x(), 5, 1).parameters()).isNotEqualTo(one);
    }

    private static AutoencoderModel fit(Map<String, Object> raw, Matrix x, long seed) {
        return fit(raw, x, seed, 2);
    }

    private static AutoencoderModel fit(Map<String, Object> raw, Matrix x, long seed, int threads) {
        AutoencoderFactory f = new AutoencoderFactory();
        return (AutoencoderModel) f.trainer(Params.parse(raw, f.params(), "test"), seed).fit(x, null, threads);
    }

    @Test
    void trainingLowersTheLossAndEarlyStoppingKeepsTheBestEpoch() {
        PlantedData data = PlantedData.generate(5, 800, 0, 6);
        AutoencoderModel m = fit(Map.of("hidden_layers", java.util.List.of(8, 3, 8), "epochs", 200, "patience", 3,
                "learning_rate", 0.01, "batch_size", 32), data.x(), 5);
        TrainingSummary s = m.summary();
        assertThat(s.epochsRun()).isLessThan(200);
        assertThat(s.bestEpoch()).isEqualTo(s.epochsRun() - 3);
        assertThat(s.bestValidationLoss()).isLessThan(0.5); // inputs have variance ≈ 1
    }

    @Test
    void embeddingsAreTheBottleneckActivations() {
        PlantedData data = PlantedData.generate(5, 300, 3, 5);
        AutoencoderModel m = fit(Map.of("hidden_layers", java.util.List.of(8, 3, 8), "epochs", 3), data.x(), 1);
        Matrix e = m.embed(data.x(), 2);
        assertThat(e.rows()).isEqualTo(303);
        assertThat(e.cols()).isEqualTo(3);
        assertThat(m.embeddingSize()).isEqualTo(3);
        assertThat(m.embed(data.x(), 1).data()).isEqualTo(e.data());
        for (double v : e.data()) {
            assertThat(v).isGreaterThanOrEqualTo(0); // relu
        }
        Mlp net = new Mlp(m.layerSizes(), m.activation());
        double[][] act = net.newActivations();
        for (int i : new int[] {0, 151, 302}) {
            net.forward(m.parameters(), data.x().data(), i * 5, act);
            assertThat(java.util.Arrays.copyOfRange(e.data(), i * 3, i * 3 + 3)).as("row %d", i).isEqualTo(act[2]);
        }
        assertThat(fit(Map.of("hidden_layers", java.util.List.of(7), "epochs", 1), data.x(), 1).embeddingSize()).isEqualTo(7);
    }
}
