package io.sentinelrisk.core.detect.randomforest;

import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.support.PlantedData;
import io.sentinelrisk.core.detect.xgboost.XgboostFactory;
import io.sentinelrisk.core.detect.xgboost.XgboostModel;
import io.sentinelrisk.core.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SupervisedDetectorsTest {

    static Stream<DetectorFactory> factories() {
        return Stream.of(new RandomForestFactory(), new XgboostFactory());
    }

    /** Label = 1 when feature 2 exceeds 1 (plus 3% label noise); features 0, 1, 3 are noise. */
    private static Matrix data(int n, int[] labels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n * 4];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = PlantedData.gaussian(rnd);
            }
            labels[i] = (x[i * 4 + 2] > 1) != (rnd.nextDouble() < 0.03) ? 1 : 0;
        }
        return new Matrix(n, 4, x);
    }

    private static FittedDetector fit(DetectorFactory f, Map<String, Object> raw, Matrix x, int[] y) {
        return f.trainer(Params.parse(raw, f.params(), "test"), 3).fit(x, y, 2);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void needLabelsOfBothClasses(DetectorFactory f) {
        assertThat(f.supervised()).isTrue();
        int[] y = new int[200];
        Matrix x = data(200, y, 1);
        var trainer = f.trainer(Params.defaults(f.params()), 1);
        assertThatThrownBy(() -> trainer.fit(x, null, 1)).isInstanceOf(InputException.class).hasMessageContaining("labels");
        assertThatThrownBy(() -> trainer.fit(x, new int[200], 1)).isInstanceOf(InputException.class).hasMessageContaining("single class");
        int[] bad = y.clone();
        bad[5] = 2;
        assertThatThrownBy(() -> trainer.fit(x, bad, 1)).isInstanceOf(InputException.class).hasMessageContaining("row 6");
        assertThatThrownBy(() -> trainer.fit(x, new int[3], 1)).isInstanceOf(InputException.class);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void learnTheInformativeFeatureAndScoreProbabilities(DetectorFactory f) {
        int[] y = new int[1500];
        Matrix x = data(1500, y, 2);
        FittedDetector m = fit(f, Map.of("n_estimators", 40), x, y);
        int[] yt = new int[500];
        Matrix test = data(500, yt, 3);
        double[] s = new double[500];
        m.score(test, s, 2);
        assertThat(PlantedData.rocAuc(s, yt)).isGreaterThan(0.9);
        for (double v : s) {
            assertThat(v).isBetween(0.0, 1.0);
        }
        Map<Integer, Double> imp = m instanceof RandomForestModel rf ? rf.featureImportance()
                : ((XgboostModel) m).featureImportance();
        assertThat(imp).containsOnlyKeys(0, 1, 2, 3);
        assertThat(imp.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(imp.get(2)).isGreaterThan(imp.get(0)).isGreaterThan(0.0);
        assertThat(imp.get(2)).isGreaterThan(Math.max(imp.get(1), imp.get(3)));
    }

    @Test
    void shapContributionsSumToTheLogOdds() {
        int[] y = new int[800];
        Matrix x = data(800, y, 4);
        XgboostModel m = (XgboostModel) fit(new XgboostFactory(), Map.of("n_estimators", 20), x, y);
        Matrix few = x.selectRows(new int[] {0, 1, 2, 3, 4});
        Matrix c = m.shapContributions(few);
        assertThat(c.cols()).isEqualTo(5);
        double[] s = new double[5];
        m.score(few, s, 1);
        double meanAbs2 = 0;
        double meanAbs0 = 0;
        for (int i = 0; i < 5; i++) {
            double sum = 0;
            for (int j = 0; j < 5; j++) {
                sum += c.get(i, j);
            }
            assertThat(sum).isCloseTo(Math.log(s[i] / (1 - s[i])), within(1e-4));
            meanAbs2 += Math.abs(c.get(i, 2));
            meanAbs0 += Math.abs(c.get(i, 0));
        }
        assertThat(meanAbs2).isGreaterThan(meanAbs0);
    }

    @Test
    void xgboostScoresTheSameFromManyCallersWithAnyThreadCount() throws Exception {
        int[] y = new int[2000];
        Matrix x = data(2000, y, 6);
        XgboostModel m = (XgboostModel) fit(new XgboostFactory(), Map.of("n_estimators", 30), x, y);
        double[] expected = new double[x.rows()];
        m.score(x, expected, 1);
        // callers on many threads asking for different thread counts at once: every call is
        // queued to XGBoost's one thread, where the booster's setting changes between predictions
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<double[]>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 24; t++) {
                int threads = 1 + t % 3;
                runs.add(pool.submit(() -> {
                    double[] out = new double[x.rows()];
                    m.score(x, out, threads);
                    m.featureImportance();
                    return out;
                }));
            }
            for (java.util.concurrent.Future<double[]> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(m.score(x.row(7, new double[x.cols()]))).isEqualTo(expected[7]);
    }

    @Test
    void xgboostPartIsXgboostsOwnJsonModel() {
        int[] y = new int[300];
        Matrix x = data(300, y, 5);
        XgboostFactory f = new XgboostFactory();
        byte[] part = f.encode(fit(f, Map.of("n_estimators", 5), x, y));
        String json = new String(part, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).startsWith("{").contains("\"learner\"").contains("binary:logistic");
        // XGBoost before 3.1 (Debian's Python XGBoost 1.7) misreads an intercept written as an array
        assertThat(json).containsPattern("\"base_score\":\"-?[0-9]").doesNotContain("\"base_score\":\"[");
    }

    @Test
    void balancedClassWeightRaisesTheMinorityScores() {
        int[] y = new int[1000];
        Matrix x = data(1000, y, 6);
        RandomForestFactory f = new RandomForestFactory();
        Map<String, Object> shallow = Map.of("n_estimators", 20, "max_depth", 2);
        FittedDetector plain = fit(f, shallow, x, y);
        FittedDetector balanced = fit(f, Map.of("n_estimators", 20, "max_depth", 2, "class_weight", "balanced"), x, y);
        double[] a = new double[1000];
        double[] b = new double[1000];
        plain.score(x, a, 1);
        balanced.score(x, b, 1);
        assertThat(List.of(mean(b))).allMatch(v -> v > mean(a));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double t : v) {
            s += t;
        }
        return s / v.length;
    }
}
