package io.sentinelrisk.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.explain.ScoreCorrelation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The evaluation metrics against scikit-learn 1.2.1 and numpy on the same scores. Fixture made by
 * {@code /usr/bin/python3 bench/fixtures/evaluation_metrics.py} (see its header).
 */
class EvaluationMetricsVsSklearnTest {
    private static final double TOL = 1e-12;
    private static final JsonNode FIXTURE = load();

    static Stream<JsonNode> cases() {
        List<JsonNode> out = new ArrayList<>();
        FIXTURE.get("cases").forEach(out::add);
        return out.stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void rocCurveMatchesRocCurveOfScikitLearn(JsonNode c) {
        Curves.Roc roc = Curves.roc(doubles(c.get("s")), ints(c.get("y")));
        assertThat(roc.fpr()).containsExactly(doubles(c.get("roc_fpr")), within(TOL));
        assertThat(roc.tpr()).containsExactly(doubles(c.get("roc_tpr")), within(TOL));
        assertThat(roc.thresholds()[0]).isEqualTo(Double.POSITIVE_INFINITY);
        double[] rest = java.util.Arrays.copyOfRange(roc.thresholds(), 1, roc.size());
        assertThat(rest).containsExactly(doubles(c.get("roc_thresholds")), within(TOL));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void precisionRecallCurveMatchesScikitLearn(JsonNode c) {
        Curves.PrecisionRecall pr = Curves.precisionRecall(doubles(c.get("s")), ints(c.get("y")));
        assertThat(pr.precision()).containsExactly(doubles(c.get("pr_precision")), within(TOL));
        assertThat(pr.recall()).containsExactly(doubles(c.get("pr_recall")), within(TOL));
        assertThat(pr.thresholds()).containsExactly(doubles(c.get("pr_thresholds")), within(TOL));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void rankingMetricsMatchScikitLearn(JsonNode c) {
        double[] s = doubles(c.get("s"));
        int[] y = ints(c.get("y"));
        assertThat(RankingMetrics.rocAuc(s, y)).isCloseTo(c.get("roc_auc").asDouble(), within(TOL));
        assertThat(RankingMetrics.averagePrecision(s, y)).isCloseTo(c.get("average_precision").asDouble(), within(TOL));
        c.get("precision_at_k").fields().forEachRemaining(e ->
                assertThat(RankingMetrics.precisionAtK(s, y, Integer.parseInt(e.getKey())))
                        .as("precision@%s", e.getKey()).isCloseTo(e.getValue().asDouble(), within(TOL)));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void confusionAtPercentileThresholdMatchesNumpyAndScikitLearn(JsonNode c) {
        double[] s = doubles(c.get("s"));
        int[] y = ints(c.get("y"));
        for (JsonNode t : c.get("percentile_thresholds")) {
            PercentileThreshold cut = PercentileThreshold.of(s, t.get("percentile").asDouble());
            assertThat(cut.threshold()).isCloseTo(t.get("threshold").asDouble(), within(TOL));
            Confusion m = Confusion.of(cut.flag(s), y);
            assertThat(m).isEqualTo(new Confusion(t.get("tp").asLong(), t.get("fp").asLong(), t.get("tn").asLong(), t.get("fn").asLong()));
            assertThat(m.precision()).isCloseTo(t.get("precision").asDouble(), within(TOL));
            assertThat(m.recall()).isCloseTo(t.get("recall").asDouble(), within(TOL));
            assertThat(m.f1()).isCloseTo(t.get("f1").asDouble(), within(TOL));
        }
    }

    @Test
    void pearsonCorrelationMatchesNumpyAndIsNaNForAConstantFeature() {
        JsonNode c = FIXTURE.get("correlation");
        JsonNode rows = c.get("x");
        int n = rows.size();
        int d = rows.get(0).size();
        double[] data = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                data[i * d + j] = rows.get(i).get(j).asDouble();
            }
        }
        double[] r = ScoreCorrelation.pearson(new Matrix(n, d, data), doubles(c.get("score")));
        for (int j = 0; j < d; j++) {
            JsonNode expected = c.get("pearson").get(j);
            if (expected.isNull()) {
                assertThat(r[j]).as("feature %d", j).isNaN();
            } else {
                assertThat(r[j]).as("feature %d", j).isCloseTo(expected.asDouble(), within(1e-12));
            }
        }
    }

    @Test
    void rocCurveAreaEqualsRocAucAndCurvesAreMonotone() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int rep = 0; rep < 20; rep++) {
            int n = 30 + rnd.nextInt(300);
            double[] s = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextDouble() < 0.15 ? 1 : 0;
                s[i] = Math.floor(rnd.nextGaussian() * 4 + 2 * y[i]);
            }
            y[0] = 1;
            y[1] = 0;
            Curves.Roc roc = Curves.roc(s, y);
            double area = 0;
            for (int i = 1; i < roc.size(); i++) {
                assertThat(roc.fpr()[i]).isGreaterThanOrEqualTo(roc.fpr()[i - 1]);
                assertThat(roc.tpr()[i]).isGreaterThanOrEqualTo(roc.tpr()[i - 1]);
                area += (roc.fpr()[i] - roc.fpr()[i - 1]) * (roc.tpr()[i] + roc.tpr()[i - 1]) / 2;
            }
            assertThat(area).isCloseTo(RankingMetrics.rocAuc(s, y), within(1e-12));
            assertThat(roc.fpr()[roc.size() - 1]).isEqualTo(1.0);
            Curves.PrecisionRecall pr = Curves.precisionRecall(s, y);
            for (int i = 1; i < pr.size(); i++) {
                assertThat(pr.recall()[i]).isLessThanOrEqualTo(pr.recall()[i - 1]);
            }
        }
    }

    private static JsonNode load() {
        try (InputStream in = EvaluationMetricsVsSklearnTest.class.getResourceAsStream("evaluation-sklearn.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
