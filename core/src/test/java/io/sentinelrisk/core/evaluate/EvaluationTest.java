package io.sentinelrisk.core.evaluate;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.explain.FeatureBaseline;
import io.sentinelrisk.core.explain.FeatureWeight;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.metrics.Confusion;
import io.sentinelrisk.core.metrics.RankingMetrics;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

@Tag("slow")
class EvaluationTest {
    private static final EvaluationSettings SETTINGS = new EvaluationSettings(0.8, 7, 20, 97, 5, 3, "scenario", false);

    /**
     * Gaussian x, y, z (z constant), an id, and 4% planted anomalies in two scenarios: x far
     * above normal (spike_x) or y far below (spike_y); label and scenario columns say which.
     */
    static Dataset data(int n, long seed, double spike) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        double[] id = new double[n];
        String[] scenario = new String[n];
        String[] label = new String[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = 1000 + i;
            x[i] = r.nextGaussian();
            y[i] = r.nextGaussian();
            z[i] = 5;
            boolean anomaly = r.nextDouble() < 0.04;
            scenario[i] = anomaly ? (r.nextBoolean() ? "spike_x" : "spike_y") : "normal";
            if (anomaly && scenario[i].equals("spike_x")) {
                x[i] = spike + r.nextGaussian() * 0.1;
            } else if (anomaly) {
                y[i] = -spike + r.nextGaussian() * 0.1;
            }
            labels[i] = anomaly ? 1 : 0;
            label[i] = anomaly ? "1" : "0";
        }
        Frame f = new Frames().numeric("event_id", id).numeric("x", x).numeric("y", y).numeric("z", z)
                .categorical("scenario", scenario).categorical("label", label)
                .role("event_id", ColumnRole.ID).role("label", ColumnRole.LABEL).build();
        long[] lines = IntStream.range(0, n).mapToLong(i -> i + 2).toArray();
        return new Dataset("planted.csv", f, labels, lines);
    }

    static SentinelConfig config(String detector) {
        return SentinelConfig.load(null, Map.of("detector.type", detector, "random_state", 3, "threads", 1));
    }

    @Test
    void splitIsStratifiedSeededAndInInputOrder() {
        int[] labels = data(1000, 1, 8).labels();
        Split s = Split.stratified(labels, 0.8, 5);
        int normals = (int) Arrays.stream(labels).filter(v -> v == 0).count();
        int anomalies = labels.length - normals;
        assertThat(Split.withLabel(s.train(), labels, 0)).hasSize((int) Math.round(0.8 * normals));
        assertThat(Split.withLabel(s.train(), labels, 1)).hasSize((int) Math.round(0.8 * anomalies));
        assertThat(s.train()).isSorted();
        assertThat(s.test()).isSorted();
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.test())).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, labels.length).toArray());
        assertThat(Split.stratified(labels, 0.8, 5)).usingRecursiveComparison().isEqualTo(s);
        assertThat(Split.stratified(labels, 0.8, 6).train()).isNotEqualTo(s.train());
        assertThatThrownBy(() -> Split.stratified(labels, 1.0, 5)).isInstanceOf(InputException.class)
                .hasMessageContaining("(0, 1)");
    }

    @ParameterizedTest(name = "all anomalies in test: {0}")
    @ValueSource(booleans = {false, true})
    void unsupervisedDetectorsNeverSeeTheAnomaliesOfTheTrainingPart(boolean allAnomaliesInTest) {
        Dataset d = data(1500, 2, 8);
        EvaluationSettings s = new EvaluationSettings(0.8, 7, 20, 97, 5, 3, "scenario", allAnomaliesInTest);
        EvaluationResult before = Evaluation.fitAndTest(d, List.of(config("iforest")), s);
        Split split = Split.stratified(d.labels(), s.trainFraction(), s.randomState());
        int[] trainAnomalies = Split.withLabel(split.train(), d.labels(), 1);
        assertThat(trainAnomalies).isNotEmpty();

        // Move every anomaly of the training part far away: a model that saw them would change.
        EvaluationResult after = Evaluation.fitAndTest(withX(d, trainAnomalies, 1e6), List.of(config("iforest")), s);
        double[] a = before.detectors().get(0).scores();
        double[] b = after.detectors().get(0).scores();
        int[] tested = before.testedRows();
        int compared = 0;
        for (int i = 0; i < tested.length; i++) {
            if (Arrays.binarySearch(trainAnomalies, tested[i]) < 0) {   // rows left as they were
                assertThat(b[i]).as("row %d", tested[i]).isEqualTo(a[i]);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(250);
        assertThat(before.detectors().get(0).fittedRows()).isEqualTo(before.trainNormalRows())
                .isEqualTo(Split.withLabel(split.train(), d.labels(), 0).length);

        // The same change to one normal training row does change the model: the check above can fail.
        int normalRow = Split.withLabel(split.train(), d.labels(), 0)[0];
        EvaluationResult changed = Evaluation.fitAndTest(withX(d, new int[] {normalRow}, 1e6), List.of(config("iforest")), s);
        assertThat(changed.detectors().get(0).scores()).isNotEqualTo(a);
    }

    @Test
    void allAnomaliesInTestTestsEveryRowNotFittedOn() {
        Dataset d = data(1500, 12, 8);
        EvaluationSettings s = new EvaluationSettings(0.8, 7, 20, 97, 5, 3, "scenario", true);
        EvaluationResult r = Evaluation.fitAndTest(d, List.of(config("iforest")), s);
        Split split = Split.stratified(d.labels(), 0.8, 7);
        int[] normalsFitted = Split.withLabel(split.train(), d.labels(), 0);
        assertThat(r.testAnomalies()).isEqualTo(r.anomalies());
        assertThat(r.testRows()).isEqualTo(d.rows() - normalsFitted.length);
        assertThat(r.testedRows()).isSorted().doesNotContain(normalsFitted);
        assertThatThrownBy(() -> Evaluation.fitAndTest(d, List.of(config("iforest"), config("xgboost")), s))
                .isInstanceOf(InputException.class).hasMessageContaining("--test-anomalies held-out");
    }

    @Test
    void sameSeedSameResultsAnotherSeedAnotherSplit() {
        Dataset d = data(1200, 3, 8);
        List<SentinelConfig> cfgs = List.of(config("iforest"), config("hbos"));
        EvaluationResult a = Evaluation.fitAndTest(d, cfgs, SETTINGS);
        EvaluationResult b = Evaluation.fitAndTest(d, cfgs, SETTINGS);
        for (int i = 0; i < cfgs.size(); i++) {
            assertThat(b.detectors().get(i).scores()).containsExactly(a.detectors().get(i).scores());
            assertThat(b.detectors().get(i).rocAuc()).isEqualTo(a.detectors().get(i).rocAuc());
        }
        assertThat(b.labels()).containsExactly(a.labels());
        EvaluationSettings other = new EvaluationSettings(0.8, 8, 20, 97, 5, 3, "scenario", false);
        EvaluationResult c = Evaluation.fitAndTest(d, cfgs, other);
        assertThat(c.detectors().get(0).topAlerts().stream().map(EvaluatedAlert::row).toList())
                .isNotEqualTo(a.detectors().get(0).topAlerts().stream().map(EvaluatedAlert::row).toList());
    }

    @Test
    void reportsRankingMetricsConfusionAndRecallPerScenarioOfTheTestPart() {
        Dataset d = data(2000, 4, 8);
        EvaluationResult r = Evaluation.fitAndTest(d, List.of(config("iforest")), SETTINGS);
        Split split = Split.stratified(d.labels(), 0.8, 7);
        assertThat(r.testRows()).isEqualTo(split.test().length);
        assertThat(r.labels()).containsExactly(Rows.take(d.labels(), split.test()));
        assertThat(r.trainRows()).isEqualTo(split.train().length);

        DetectorEvaluation e = r.detectors().get(0);
        assertThat(e.rocAuc()).isGreaterThan(0.99).isEqualTo(RankingMetrics.rocAuc(e.scores(), r.labels()));
        assertThat(e.precisionAtK()).isEqualTo(RankingMetrics.precisionAtK(e.scores(), r.labels(), 20));
        // the threshold flags about 3% of the test rows (97th percentile)
        Confusion c = e.confusion();
        assertThat(c.tp() + c.fp() + c.tn() + c.fn()).isEqualTo(r.testRows());
        assertThat((double) (c.tp() + c.fp())).isCloseTo(0.03 * r.testRows(), within(1.0));

        String[] scenarios = Rows.take(d.frame().column("scenario") instanceof Column.Categorical k
                ? IntStream.range(0, d.rows()).mapToObj(k::text).toArray(String[]::new) : null, split.test());
        assertThat(e.recallPerScenario()).extracting(ScenarioRecall::scenario).containsExactly("spike_x", "spike_y");
        int total = 0;
        int detected = 0;
        for (ScenarioRecall sr : e.recallPerScenario()) {
            int expected = 0;
            int caught = 0;
            for (int i = 0; i < scenarios.length; i++) {
                if (scenarios[i].equals(sr.scenario()) && r.labels()[i] == 1) {
                    expected++;
                    caught += e.scores()[i] >= e.threshold() ? 1 : 0;
                }
            }
            assertThat(sr.anomalies()).isEqualTo(expected);
            assertThat(sr.detected()).isEqualTo(caught);
            total += sr.anomalies();
            detected += sr.detected();
        }
        assertThat(total).isEqualTo(r.testAnomalies());
        assertThat((long) detected).isEqualTo(c.tp());
    }

    @Test
    void labelAndScenarioAreNeverFeatures() {
        Dataset d = data(800, 5, 8);
        EvaluationResult r = Evaluation.fitAndTest(d, List.of(config("iforest")), SETTINGS);
        Pipeline p = r.detectors().get(0).pipeline();
        assertThat(p.preparation().featureNames()).doesNotContain("label", "scenario", "event_id")
                .contains("x", "y");
        assertThat(p.explainer().baselines()).extracting(FeatureBaseline::column).doesNotContain("label", "scenario");
    }

    @Test
    void explainsGloballyAndLocally() {
        Dataset d = data(2000, 6, 12);
        EvaluationResult r = Evaluation.fitAndTest(d, List.of(config("iforest")), SETTINGS);
        DetectorEvaluation e = r.detectors().get(0);
        // z is constant: not a feature; the score follows |x| and |y|, not their sign, but spikes dominate
        assertThat(e.correlations()).extracting(FeatureWeight::feature).containsExactly(
                e.pipeline().preparation().featureNames().toArray(String[]::new));
        assertThat(e.pipeline().preparation().featureNames()).containsExactly("x", "y");
        assertThat(weight(e.correlations(), "x")).isGreaterThan(0.2);
        assertThat(weight(e.correlations(), "y")).isLessThan(-0.2);
        // iforest: split-count importance, shares summing to 1, nothing on the constant feature
        assertThat(e.importance().kind()).isEqualTo("split_count");
        assertThat(e.importance().weights().stream().mapToDouble(FeatureWeight::value).sum()).isCloseTo(1, within(1e-9));

        assertThat(e.topAlerts()).hasSize(5);
        EvaluatedAlert first = e.topAlerts().get(0);
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.label()).isEqualTo(1);
        assertThat(first.line()).isEqualTo(first.row() + 2);
        assertThat(first.id()).isEqualTo(String.valueOf(1000 + first.row()));
        assertThat(first.reasons().get(0).feature()).isIn("x", "y");
        assertThat(Math.abs(first.reasons().get(0).deviation())).isGreaterThan(8);
        assertThat(first.narrative()).contains("std");
        assertThat(first.shap()).isNull();
        for (int i = 1; i < e.topAlerts().size(); i++) {
            assertThat(e.topAlerts().get(i).score()).isLessThanOrEqualTo(e.topAlerts().get(i - 1).score());
        }
        // the top k alerts are mostly spikes: x and y are the deviant features, z never
        assertThat(e.deviantAlerts()).isEqualTo(20);
        assertThat(e.deviantFeatures()).extracting(FeatureCount::feature).contains("x", "y").doesNotContain("z");
        assertThat(e.deviantFeatures().stream().mapToInt(FeatureCount::alerts).max().orElse(0)).isLessThanOrEqualTo(20);
    }

    @Test
    void supervisedDetectorsLearnFromEveryTrainingRowAndXgboostExplainsWithShap() {
        Dataset d = data(1500, 7, 6);
        EvaluationResult r = Evaluation.fitAndTest(d, List.of(config("xgboost"), config("random_forest")), SETTINGS);
        DetectorEvaluation xgb = r.detectors().get(0);
        assertThat(xgb.supervised()).isTrue();
        assertThat(xgb.fittedRows()).isEqualTo(r.trainRows());
        assertThat(xgb.rocAuc()).isGreaterThan(0.95);
        assertThat(xgb.importance().kind()).isEqualTo("gain");
        EvaluatedAlert top = xgb.topAlerts().get(0);
        assertThat(top.shap()).isNotNull();
        // bias + contributions = log-odds of the score (a probability)
        double p = top.score();
        assertThat(top.shap().logOdds()).isCloseTo(Math.log(p / (1 - p)), within(1e-3));
        assertThat(top.shap().contributions().get(0).feature()).isIn("x", "y");
        DetectorEvaluation rf = r.detectors().get(1);
        assertThat(rf.importance().kind()).isEqualTo("gini");
        assertThat(rf.importance().weights().stream().mapToDouble(FeatureWeight::value).sum()).isCloseTo(1, within(1e-9));
        assertThat(rf.topAlerts().get(0).shap()).isNull();
    }

    @Test
    void aBundleScoresEveryRowWithoutFitting() {
        Dataset d = data(1000, 8, 8);
        Frame normal = Rows.take(d.frame().without("scenario"),
                IntStream.range(0, d.rows()).filter(i -> d.labels()[i] == 0).toArray());
        Pipeline p = new PipelineTrainer(config("iforest")).fit(normal, null).pipeline();
        EvaluationResult r = Evaluation.testBundle(d, p, "model.srb", SETTINGS, 1);
        assertThat(r.bundleMode()).isTrue();
        assertThat(r.testRows()).isEqualTo(d.rows());
        assertThat(r.trainRows()).isZero();
        DetectorEvaluation e = r.detectors().get(0);
        assertThat(e.fittedRows()).isZero();
        assertThat(e.scores()).containsExactly(p.score(d.frame().without("scenario"), "x", 1).score());
        assertThat(e.recallPerScenario()).hasSize(2);
        assertThat(e.topAlerts().get(0).row()).isEqualTo(RankingMetrics.descending(e.scores())[0]);
    }

    @Test
    void unlabelledOrOneClassDataIsAnInputError() {
        Dataset d = data(300, 9, 8);
        Dataset unlabelled = new Dataset("u.csv", d.frame(), null, null);
        assertThatThrownBy(() -> Evaluation.fitAndTest(unlabelled, List.of(config("iforest")), SETTINGS))
                .isInstanceOf(InputException.class).hasMessageContaining("u.csv has no labels");
        Dataset normalOnly = new Dataset("n.csv", d.frame(), new int[d.rows()], null);
        assertThatThrownBy(() -> Evaluation.fitAndTest(normalOnly, List.of(config("iforest")), SETTINGS))
                .isInstanceOf(InputException.class).hasMessageContaining("no anomalies");
        assertThatThrownBy(() -> new EvaluationSettings(0.8, 1, 0, 99, 10, 3, "scenario", false))
                .isInstanceOf(InputException.class).hasMessageContaining("k");
        assertThatThrownBy(() -> new EvaluationSettings(0.8, 1, 5, 101, 10, 3, "scenario", false))
                .isInstanceOf(InputException.class).hasMessageContaining("percentile");
    }

    @Test
    void jsonReportHoldsEveryDetectorWithNullForUndefinedValues() {
        Dataset d = data(800, 10, 8);
        EvaluationResult r = Evaluation.fitAndTest(d, List.of(config("iforest"), config("ecod")), SETTINGS);
        EvaluationReport m = EvaluationReport.build(r);
        assertThat(m.mode()).isEqualTo("split");
        assertThat(m.testRows()).isEqualTo(r.testRows());
        List<EvaluationReport.DetectorReport> dets = m.detectors();
        assertThat(dets).extracting(EvaluationReport.DetectorReport::detector).containsExactly("iforest", "ecod");
        assertThat(dets.get(0).featureCorrelation()).extracting(EvaluationReport.Correlation::feature).containsExactly("x", "y");   // z is constant: dropped
        assertThat(dets.get(1).featureImportance()).isNull();
        String json = new String(io.sentinelrisk.core.codec.Json.bytes(m), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity")
                .contains("\"feature_importance\" : null").doesNotContain("\"model\"");
    }

    private static double weight(List<FeatureWeight> ws, String feature) {
        return ws.stream().filter(w -> w.feature().equals(feature)).findFirst().orElseThrow().value();
    }

    /** A copy of {@code d} with column x set to {@code value} in the given rows. */
    static Dataset withX(Dataset d, int[] rows, double value) {
        double[] x = ((Column.Numeric) d.frame().column("x")).values().clone();
        for (int r : rows) {
            x[r] = value;
        }
        List<Column> cols = new java.util.ArrayList<>(d.frame().columns());
        cols.set(d.frame().schema().indexOf("x"), new Column.Numeric("x", x));
        return new Dataset(d.source(), new Frame(d.frame().schema(), cols), d.labels(), d.lineNumbers());
    }
}
