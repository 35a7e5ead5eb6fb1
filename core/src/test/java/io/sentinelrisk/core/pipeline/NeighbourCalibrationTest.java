package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Neighbour detectors keep their training rows: calibration must use their leave-one-out
 * fit-time scores, or every new row would look odder than the training rows (which each find
 * themselves at distance 0) and be flagged.
 */
class NeighbourCalibrationTest {
    @ParameterizedTest
    @ValueSource(strings = {"knn", "lof"})
    void newRowsFromTheTrainingDistributionAreFlaggedAtAboutTheContaminationRate(String type) {
        SentinelConfig cfg = SentinelConfig.fromMap(new LinkedHashMap<>(),
                Map.of("detector.type", type, "detector.n_neighbors", 1, "contamination", 0.02), k -> null, "test");
        Pipeline p = new PipelineTrainer(cfg).fit(Frames.gaussianWithOutliers(3000, 0, 1), null).pipeline();
        Frame fresh = Frames.gaussianWithOutliers(3000, 0, 2);
        double flagged = (double) p.score(fresh, "fresh", 2).anomalyCount() / fresh.rows();
        assertThat(flagged).isBetween(0.005, 0.05);
    }

    @ParameterizedTest
    @ValueSource(strings = {"knn", "lof", "iforest"})
    void theBaselineIsScoredAsCalibrationSawIt(String type) {
        SentinelConfig cfg = SentinelConfig.fromMap(new LinkedHashMap<>(),
                Map.of("detector.type", type, "contamination", 0.05), k -> null, "test");
        Frame baseline = Frames.gaussianWithOutliers(3000, 0, 3);
        TrainedPipeline trained = new PipelineTrainer(cfg).fit(baseline, null);
        ScoredBatch scored = trained.baselineScores(baseline, "baseline", 2);
        assertThat(scored.score()).isEqualTo(trained.trainingScores());
        double flagged = (double) scored.anomalyCount() / baseline.rows();
        assertThat(flagged).isBetween(0.045, 0.055);
        if (!type.equals("iforest")) {
            // scored as new data, each baseline row would be among its own neighbours: lower scores
            ScoredBatch asNew = trained.pipeline().score(baseline, "baseline", 2);
            assertThat(asNew.anomalyCount()).isLessThan(scored.anomalyCount());
        }
    }
}
