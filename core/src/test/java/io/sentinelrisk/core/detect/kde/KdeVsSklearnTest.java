package io.sentinelrisk.core.detect.kde;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.support.Fixtures;
import io.sentinelrisk.core.detect.support.TrainingScores;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log densities against scikit-learn's {@code KernelDensity(kernel='gaussian')}, and the bandwidth
 * choice against the rule of the study's prototype. Expected values in kde-sklearn.json and
 * kde-bandwidth.json, written by {@code /usr/bin/python3 bench/peers-fixtures/make_kde_fixtures.py}
 * (scikit-learn 1.2.1).
 */
class KdeVsSklearnTest {
    private static final JsonNode FIX = Fixtures.load("kde-sklearn.json");
    private static final Matrix TRAIN = Fixtures.matrix(FIX.get("train"));
    private static final Matrix TEST = Fixtures.matrix(FIX.get("test"));
    /** Relative to max(1, |expected|); scikit-learn's tree sums in another order. */
    static final double TOLERANCE = 1e-9;

    private static KdeModel fit(double bandwidth) {
        KdeFactory f = new KdeFactory();
        Params p = Params.parse(Map.of("bandwidth", bandwidth), f.params(), "test");
        return (KdeModel) f.trainer(p, 1).fit(TRAIN, null, 2);
    }

    private static void assertClose(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected) / Math.max(1, Math.abs(expected))).as(what + ": " + actual + " vs " + expected)
                .isLessThan(TOLERANCE);
    }

    @Test
    void logDensitiesAgreeWithScikitLearn() {
        for (JsonNode c : FIX.get("cases")) {
            double h = c.get("bandwidth").asDouble();
            KdeModel m = fit(h);
            assertThat(m.referenceCount()).isEqualTo(TRAIN.rows());
            for (String part : new String[] {"test", "train"}) {
                Matrix x = part.equals("train") ? TRAIN : TEST;
                double[] expected = Fixtures.vector(c.get("log_density_" + part));
                double[] scores = new double[x.rows()];
                m.score(x, scores, 2);
                for (int i = 0; i < expected.length; i++) {
                    assertClose(-scores[i], expected[i], "h " + h + " " + part + " row " + i);
                    assertClose(m.logDensity(Arrays.copyOfRange(x.data(), i * 3, i * 3 + 3)), expected[i], "single row");
                }
            }
        }
    }

    @Test
    void trainingRowsLeaveOneCopyOfThemselvesOut() {
        for (JsonNode c : FIX.get("cases")) {
            double h = c.get("bandwidth").asDouble();
            double[] fitTime = TrainingScores.of(fit(h), TRAIN, 3);
            JsonNode rows = c.get("loo_rows");
            double[] expected = Fixtures.vector(c.get("loo_log_density"));
            for (int j = 0; j < expected.length; j++) {
                assertClose(-fitTime[rows.get(j).asInt()], expected[j], "h " + h + " training row " + rows.get(j));
            }
        }
    }

    @Test
    void bandwidthChoiceFollowsThePrototypesRule() {
        JsonNode b = Fixtures.load("kde-bandwidth.json");
        Matrix held = Fixtures.matrix(b.get("held"));
        Matrix ref = Fixtures.matrix(b.get("ref"));
        assertThat(KdeBandwidth.GRID).containsExactly(Fixtures.vector(b.get("grid")));
        double[] expected = Fixtures.vector(b.get("mean_log_likelihood"));
        double[] mean = KdeBandwidth.meanLogLikelihoods(held.data(), held.rows(), ref.data(), ref.rows(), held.cols(), 2);
        for (int g = 0; g < expected.length; g++) {
            assertClose(mean[g], expected[g], "h " + KdeBandwidth.GRID[g]);
        }
        assertThat(KdeBandwidth.chooseFrom(held.data(), held.rows(), ref.data(), ref.rows(), held.cols(), 1))
                .isEqualTo(b.get("chosen").asDouble());
    }
}
