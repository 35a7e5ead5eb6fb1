package io.sentinelrisk.core.detect.autoencoder;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.support.PlantedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AutoencoderTest {

    /** Backpropagation against central finite differences of the batch loss, parameter by parameter. */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void gradientMatchesFiniteDifferences(Activation activation) {
        Mlp net = new Mlp(new int[] {4, 6, 3, 5, 4}, activation);
        SplittableRandom rnd = new SplittableRandom(17);
        double[] p = AutoencoderTrainer.initialParameters(net, rnd);
        double[] x = new double[7 * 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = PlantedData.gaussian(rnd);
        }
        int[] rows = {0, 1, 2, 3, 4, 5, 6};
        Mlp.Scratch s = net.new Scratch();
        double[] grad = new double[net.parameterCount];
        net.lossAndGradient(p, x, rows, 1, 6, grad, s);
        double[] unused = new double[net.parameterCount];
        double h = 1e-6;
        double worst = 0;
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + h;
            double up = net.lossAndGradient(p, x, rows, 1, 6, unused, s);
            p[i] = keep - h;
            double down = net.lossAndGradient(p, x, rows, 1, 6, unused, s);
            p[i] = keep;
            double numeric = (up - down) / (2 * h);
            worst = Math.max(worst, Math.abs(numeric - grad[i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(grad[i])));
        }
        assertThat(worst).isLessThan(1e-5);
    }

    @Test
    void lossIsTheMeanSquaredReconstructionErrorThatScoringReports() {
        Mlp net = new Mlp(new int[] {3, 2, 3}, Activation.TANH);
        double[] p = AutoencoderTrainer.initialParameters(net, new SplittableRandom(1));
        double[] x = {1, 2, 3, -1, 0, 1};
        Mlp.Scratch s = net.new Scratch();
        double loss = net.lossAndGradient(p, x, new int[] {0, 1}, 0, 2, new double[net.parameterCount], s);
        AutoencoderModel m = new AutoencoderModel(net.sizes, Activation.TANH, p, new TrainingSummary(0, 0, 0, 0));
        double[] scores = new double[2];
        m.score(new Matrix(2, 3, x), scores, 1);
        assertThat(loss).isCloseTo((scores[0] + scores[1]) / 2, within(1e-15));
    }

    private static AutoencoderModel fit(Map<String, Object> raw, Matrix x, long seed) {
        AutoencoderFactory f = new AutoencoderFactory();
        return (AutoencoderModel) f.trainer(Params.parse(raw, f.params(), "test"), seed, 0.1).fit(x, null, 2);
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
        assertThat(fit(Map.of("hidden_layers", java.util.List.of(7), "epochs", 1), data.x(), 1).embeddingSize()).isEqualTo(7);
    }
}
