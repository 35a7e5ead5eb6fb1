package io.sentinelrisk.core.evaluate;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.pipeline.TrainedPipeline;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three evaluation protocols: which rows are fitted on, which are tested. */
class EvaluationProtocolTest {

    private static EvaluationSettings settings(EvaluationProtocol p) {
        return new EvaluationSettings(p.defaultTrainFraction(), 7, 20, 97, 0, 3, "scenario", true, p);
    }

    @Test
    void unsupervisedFitsOnEveryRowAndMeasuresTheFitTimeScores() {
        Dataset d = EvaluationTest.data(800, 21, 8);
        SentinelConfig knn = EvaluationTest.config("knn");
        EvaluationResult r = Evaluation.fitAndTest(d, List.of(knn), settings(EvaluationProtocol.UNSUPERVISED));
        DetectorEvaluation e = r.detectors().get(0);
        assertThat(r.testRows()).isEqualTo(d.rows());
        assertThat(r.testedRows()).containsExactly(IntStream.range(0, d.rows()).toArray());
        assertThat(r.testAnomalies()).isEqualTo(r.anomalies());
        assertThat(e.fittedRows()).isEqualTo(d.rows());
        // kNN's training rows leave themselves out: scored as new rows they would all be 0 here
        TrainedPipeline trained = new PipelineTrainer(knn).fit(
                io.sentinelrisk.core.pipeline.ColumnRoles.asGroundTruth(d.frame(), "scenario"), null);
        assertThat(e.scores()).containsExactly(trained.trainingScores());
        assertThat(Arrays.stream(e.scores()).min().orElseThrow()).isGreaterThan(0);
        assertThat(e.rocAuc()).isGreaterThan(0.9);
        assertThat(EvaluationReport.build(r).protocol().name()).isEqualTo("unsupervised");
        assertThat(EvaluationReport.build(r).protocol().trainFraction()).isNull();
    }

    @Test
    void unsupervisedRefusesSupervisedDetectors() {
        Dataset d = EvaluationTest.data(300, 22, 8);
        assertThatThrownBy(() -> Evaluation.fitAndTest(d, List.of(EvaluationTest.config("xgboost")),
                settings(EvaluationProtocol.UNSUPERVISED)))
                .isInstanceOf(InputException.class).hasMessageContaining("unsupervised protocol");
    }

    @Test
    void adbenchFitsOnTheWholeTrainingPartAndTestsTheHeldOutPart() {
        Dataset d = EvaluationTest.data(1000, 23, 8);
        EvaluationSettings s = settings(EvaluationProtocol.ADBENCH);
        assertThat(s.trainFraction()).isEqualTo(0.7);
        assertThat(s.allAnomaliesInTest()).isFalse();
        EvaluationResult r = Evaluation.fitAndTest(d, List.of(EvaluationTest.config("iforest")), s);
        Split split = Split.stratified(d.labels(), 0.7, 7);
        assertThat(r.testedRows()).containsExactly(split.test());
        assertThat(r.detectors().get(0).fittedRows()).isEqualTo(split.train().length);
        assertThat(Split.withLabel(split.train(), d.labels(), 1)).isNotEmpty();
        assertThat(EvaluationReport.build(r).protocol().name()).isEqualTo("adbench");

        // The training part's anomalies are fitted on: moving them changes the held-out rows' scores,
        // which the semi-supervised protocol (normal rows only) does not.
        int[] trainAnomalies = Split.withLabel(split.train(), d.labels(), 1);
        Dataset moved = EvaluationTest.withX(d, trainAnomalies, 1e6);
        double[] before = r.detectors().get(0).scores();
        double[] after = Evaluation.fitAndTest(moved, List.of(EvaluationTest.config("iforest")), s).detectors().get(0).scores();
        assertThat(after).isNotEqualTo(before);
        EvaluationSettings semi = new EvaluationSettings(0.7, 7, 20, 97, 0, 3, "scenario", false,
                EvaluationProtocol.SEMI_SUPERVISED);
        assertThat(Evaluation.fitAndTest(moved, List.of(EvaluationTest.config("iforest")), semi).detectors().get(0).scores())
                .containsExactly(Evaluation.fitAndTest(d, List.of(EvaluationTest.config("iforest")), semi).detectors().get(0).scores());
    }

    @Test
    void protocolNames() {
        for (EvaluationProtocol p : EvaluationProtocol.values()) {
            assertThat(EvaluationProtocol.byConfigName(p.configName())).isEqualTo(p);
        }
        assertThat(EvaluationProtocol.SEMI_SUPERVISED.configName()).isEqualTo("semi-supervised");
        assertThatThrownBy(() -> EvaluationProtocol.byConfigName("supervised")).isInstanceOf(InputException.class)
                .hasMessageContaining("unsupervised, semi-supervised or adbench");
    }
}
