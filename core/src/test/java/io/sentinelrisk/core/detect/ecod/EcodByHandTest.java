package io.sentinelrisk.core.detect.ecod;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.TrainingScores;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * ECOD on a tiny example worked out by hand with PyOD's formulas: U_l = -ln F(x), U_r = -ln F̄(x),
 * U_skew by the sign of the skewness, score = Σ max(U_l, U_r, U_skew).
 */
class EcodByHandTest {

    @Test
    void scoresFollowPyodFormulas() {
        // f1 = 1 2 3 4 10 (right-skewed: U_skew = U_r), f2 = 1 2 3 4 5 (skewness exactly 0: U_skew = U_l + U_r)
        Matrix x = new Matrix(5, 2, new double[] {1, 1, 2, 2, 3, 3, 4, 4, 10, 5});
        EcodFactory f = new EcodFactory();
        FittedDetector m = f.trainer(Params.parse(Map.of(), f.params(), "test"), 0).fit(x, null, 1);
        double[] train = TrainingScores.of(m, x, 1);
        // training rows: F = #(≤x)/5, F̄ = #(≥x)/5
        double ln5 = Math.log(5);
        // row 0 (1, 1): f1 max(ln5, 0, 0); f2 U_l = ln5, U_r = 0, U_skew = ln5
        assertThat(train[0]).isCloseTo(ln5 + ln5, within(1e-12));
        // row 2 (3, 3): f1 U_l = U_r = -ln(3/5); f2 U_skew = -2 ln(3/5)
        double l35 = -Math.log(3.0 / 5);
        assertThat(train[2]).isCloseTo(l35 + 2 * l35, within(1e-12));
        // row 4 (10, 5): f1 U_r = ln5; f2 U_l = 0, U_r = ln5 → U_skew = ln5
        assertThat(train[4]).isCloseTo(ln5 + ln5, within(1e-12));
        // a new row joins the ECDF: F = (#(≤x) + 1) / 6
        double ln6 = Math.log(6);
        assertThat(m.score(new double[] {20, 3})).isCloseTo(ln6 + 2 * -Math.log(4.0 / 6), within(1e-12));
        assertThat(m.score(new double[] {0, 0})).isCloseTo(ln6 + ln6, within(1e-12));
        assertThat(m.score(new double[] {3, 3})).isCloseTo(-Math.log(4.0 / 6) + 2 * -Math.log(4.0 / 6), within(1e-12));
    }

    @Test
    void skewnessSignMatchesScipy() {
        assertThat(EcodTrainer.skewSign(new double[] {1, 2, 3, 4, 10})).isEqualTo(1);
        assertThat(EcodTrainer.skewSign(new double[] {-1, -2, -3, -4, -10})).isEqualTo(-1);
        assertThat(EcodTrainer.skewSign(new double[] {1, 2, 3, 4, 5})).isZero();
        assertThat(EcodTrainer.skewSign(new double[] {7, 7, 7})).isZero();
    }
}
