package io.sentinelrisk.core.detect.hbos;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.PlantedData;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * HBOS on a tiny example worked out by hand with PyOD's rules: numpy.histogram(density=True)
 * for the bins, numpy.digitize(right=True) for scoring, tol × bin width outside the range.
 */
class HbosByHandTest {
    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static FittedDetector fit(Map<String, Object> raw, Matrix x) {
        HbosFactory f = new HbosFactory();
        return f.trainer(Params.parse(raw, f.params(), "test"), 0).fit(x, null, 1);
    }

    @Test
    void scoresFollowPyodRules() {
        // feature 1: 0 1 2 3 10 → 5 bins of width 2: edges 0 2 4 6 8 10, counts 2 2 0 0 1,
        //   density = count / (5 rows × width 2) = .2 .2 0 0 .1, log2(density + .1) per bin.
        // feature 2: constant 7 → numpy widens to [6.5, 7.5]; all 5 rows in bin 2 (density 5).
        Matrix x = new Matrix(5, 2, new double[] {0, 7, 1, 7, 2, 7, 3, 7, 10, 7});
        FittedDetector m = fit(Map.of("n_bins", 5), x);
        double b0 = log2(0.3);
        double b2 = log2(0.1);
        double b4 = log2(0.2);
        double f2 = log2(5.1);
        assertThat(m.score(new double[] {0, 7})).isCloseTo(-(b0 + f2), within(1e-12));
        assertThat(m.score(new double[] {1, 7})).isCloseTo(-(b0 + f2), within(1e-12));
        // 2 lies on an inner edge: digitize(right=True) scores it with the lower bin, as PyOD does
        assertThat(m.score(new double[] {2, 7})).isCloseTo(-(b0 + f2), within(1e-12));
        assertThat(m.score(new double[] {3, 7})).isCloseTo(-(b0 + f2), within(1e-12));
        assertThat(m.score(new double[] {5, 7})).isCloseTo(-(b2 + f2), within(1e-12));
        assertThat(m.score(new double[] {10, 7})).isCloseTo(-(b4 + f2), within(1e-12));
        // outside the range: within tol (0.5) × width (2) → edge bin, beyond → the lowest density
        assertThat(m.score(new double[] {10.5, 7})).isCloseTo(-(b4 + f2), within(1e-12));
        assertThat(m.score(new double[] {12, 7})).isCloseTo(-(b2 + f2), within(1e-12));
        assertThat(m.score(new double[] {-0.9, 7})).isCloseTo(-(b0 + f2), within(1e-12));
        assertThat(m.score(new double[] {-1.5, 7})).isCloseTo(-(b2 + f2), within(1e-12));
        // feature 2 bins have width 0.2: 7.15 is in range, 7.8 is 1.5 widths out → lowest density log2(.1)
        assertThat(m.score(new double[] {0, 7.8})).isCloseTo(-(b0 + log2(0.1)), within(1e-12));
    }

    @Test
    void autoBinsUseTheBirgeRozenholcLikelihood() {
        // 9 values, 4 zeros and 5 ones: candidates 1 .. ⌊√9⌋-1 = 2 bins.
        // 1 bin: 9·ln(1·9/9 + 1) = 6.238; 2 bins: 4·ln(8/9 + 1) + 5·ln(10/9 + 1) - 2·(1 + ln(2)^2.5) = 3.48
        double[] column = {0, 0, 0, 0, 1, 1, 1, 1, 1};
        assertThat(HbosTrainer.optimalBins(column)).isEqualTo(1);
        SplittableRandom rnd = new SplittableRandom(3);
        double[] bimodal = new double[2000];
        for (int i = 0; i < bimodal.length; i++) {
            bimodal[i] = PlantedData.gaussian(rnd) * 0.2 + (i % 2 == 0 ? -3 : 3);
        }
        int bins = HbosTrainer.optimalBins(bimodal);
        assertThat(bins).isBetween(3, 43);
        HbosModel m = (HbosModel) fit(Map.of("n_bins", "auto"), new Matrix(2000, 1, bimodal));
        assertThat(m.bins(0)).isEqualTo(bins);
        assertThat(m.score(new double[] {0})).isGreaterThan(m.score(new double[] {3}));
    }
}
