package io.sentinelrisk.core.detect.knn;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinelrisk.core.config.Params;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.DetectorFactory;
import io.sentinelrisk.core.detect.FittedDetector;
import io.sentinelrisk.core.detect.lof.LofFactory;
import io.sentinelrisk.core.detect.support.Fixtures;
import io.sentinelrisk.core.detect.support.TrainingScores;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * kNN and LOF against scikit-learn on the small dataset in neighbors-sklearn.json (written by
 * bench/peers-fixtures/make_fixtures.py): LocalOutlierFactor's fit-time and novelty scores, and
 * PyOD's kNN formulas on NearestNeighbors' distances.
 */
class NeighborDetectorsVsSklearnTest {
    private static final JsonNode FIX = Fixtures.load("neighbors-sklearn.json");
    private static final Matrix TRAIN = Fixtures.matrix(FIX.get("train"));
    private static final Matrix TEST = Fixtures.matrix(FIX.get("test"));

    private static FittedDetector fit(DetectorFactory f, Map<String, Object> raw) {
        Params p = Params.parse(raw, f.params(), "test");
        return f.trainer(p, 0).fit(TRAIN, null, 2);
    }

    private static void assertClose(double[] actual, JsonNode expected) {
        double[] e = Fixtures.vector(expected);
        assertThat(actual).hasSize(e.length);
        for (int i = 0; i < e.length; i++) {
            assertThat(actual[i]).as("row " + i).isCloseTo(e[i], within(1e-9 * Math.max(1, Math.abs(e[i]))));
        }
    }

    private static double[] score(FittedDetector m, Matrix x) {
        double[] out = new double[x.rows()];
        m.score(x, out, 2);
        return out;
    }

    @Test
    void lofMatchesScikitLearnFitTimeAndNoveltyScores() {
        for (JsonNode c : FIX.get("cases")) {
            FittedDetector m = fit(new LofFactory(),
                    Map.of("n_neighbors", c.get("n_neighbors").asInt(), "metric", c.get("metric").asText()));
            assertClose(TrainingScores.of(m, TRAIN, 2), c.get("lof_train"));
            assertClose(score(m, TEST), c.get("lof_test"));
        }
    }

    @Test
    void knnMatchesPyodFormulasOnScikitLearnDistances() {
        for (JsonNode c : FIX.get("cases")) {
            for (String method : new String[] {"largest", "mean", "median"}) {
                FittedDetector m = fit(new KnnFactory(), Map.of("n_neighbors", c.get("n_neighbors").asInt(),
                        "metric", c.get("metric").asText(), "method", method));
                assertClose(TrainingScores.of(m, TRAIN, 2), c.get("knn_" + method + "_train"));
                assertClose(score(m, TEST), c.get("knn_" + method + "_test"));
            }
        }
    }

    @Test
    void scoringATrainingRowAsNewDataFindsItselfAtDistanceZero() {
        FittedDetector m = fit(new KnnFactory(), Map.of("n_neighbors", 1));
        assertThat(m.score(TRAIN.row(3, new double[3]))).isZero();
        assertThat(TrainingScores.of(m, TRAIN, 1)[3]).isPositive();
    }
}
