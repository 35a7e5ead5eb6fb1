package io.sentinelrisk.core.detect.xgboost;

import io.sentinelrisk.core.data.Matrix;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** XGBoost's early stopping on held-out rows: fewer rounds where labels are wrong, and the booster of exactly those rounds. */
class EarlyStoppingTest {
    private static final XgboostParams PARAMS = new XgboostParams(200, 4, 0.1, 1.0, 1.0, 1.0, 1.0, 1.0, "hist", 0);

    /** Rows with one planted signal (x0 + x1 > 2.2 is an anomaly); a share {@code flip} of the labels inverted. */
    private record Data(Matrix x, int[] y) {
        static Data generate(int n, double flip, long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int d = 4;
            double[] x = new double[n * d];
            int[] y = new int[n];
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < d; j++) {
                    x[r * d + j] = rnd.nextDouble() * 2 - 1 + (j < 2 && rnd.nextDouble() < 0.1 ? 1.5 : 0);
                }
                y[r] = x[r * d] + x[r * d + 1] > 1.2 ? 1 : 0;
                if (rnd.nextDouble() < flip) {
                    y[r] = 1 - y[r];
                }
            }
            return new Data(new Matrix(n, d, x), y);
        }
    }

    private static XgboostModel fit(Data train, Data eval, int rounds, XgboostParams params) {
        EarlyStopping stop = rounds == 0 ? null : new EarlyStopping(eval.x(), eval.y(), rounds);
        return (XgboostModel) XgboostFactory.trainer(params, 1, null, stop).fit(train.x(), train.y(), 2);
    }

    @Test
    void wrongLabelsStopTheBoosterEarlierAndItKeepsOnlyTheBestRounds() {
        XgboostModel clean = fit(Data.generate(3000, 0, 1), Data.generate(1000, 0, 2), 10, PARAMS);
        XgboostModel noisy = fit(Data.generate(3000, 0.15, 1), Data.generate(1000, 0.15, 2), 10, PARAMS);
        assertThat(noisy.rounds()).isLessThan(clean.rounds()).isLessThan(200);
        assertThat(fit(Data.generate(3000, 0.15, 1), null, 0, PARAMS).rounds()).isEqualTo(200);

        // the early-stopped booster is the booster trained for its rounds, byte for byte
        XgboostParams cut = new XgboostParams(noisy.rounds(), 4, 0.1, 1.0, 1.0, 1.0, 1.0, 1.0, "hist", 0);
        XgboostModel again = fit(Data.generate(3000, 0.15, 1), null, 0, cut);
        assertThat(noisy.modelBytes()).isEqualTo(again.modelBytes());
    }

    @Test
    void evalRowsMustBeLabelledAndStoppingNeedsARound() {
        Data d = Data.generate(100, 0, 1);
        assertThatThrownBy(() -> new EarlyStopping(d.x(), d.y(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EarlyStopping(d.x(), new int[3], 5)).hasMessageContaining("one label per training row");
    }
}
