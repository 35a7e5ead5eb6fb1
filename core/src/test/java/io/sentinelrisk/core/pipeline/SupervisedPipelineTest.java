package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.testdata.Frames;
import io.sentinelrisk.core.util.StratifiedSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupervisedPipelineTest {
    private static SentinelConfig config(String type) {
        return SentinelConfig.fromMap(new LinkedHashMap<>(), Map.of("detector.type", type), k -> null, "test");
    }

    private static int[] labels(int n, int outliers) {
        int[] y = new int[n];
        for (int i = 0; i < outliers; i++) {
            y[i] = 1;
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(strings = {"random_forest", "xgboost"})
    @SuppressWarnings("unchecked")
    void heldOutMetricsGoIntoTheSummaryAndTheBundleRoundTrips(String type, @org.junit.jupiter.api.io.TempDir Path dir) {
        Frame frame = Frames.gaussianWithOutliers(2000, 100, 4);
        int[] y = labels(2000, 100);
        Pipeline p = new PipelineTrainer(config(type)).fit(frame, y).pipeline();
        Map<String, Object> validation = (Map<String, Object>) p.trainingSummary().get("validation_metrics");
        assertThat(validation.get("labelled_rows")).isEqualTo(500);
        assertThat(validation.get("labelled_anomalies")).isEqualTo(25L);
        assertThat((Double) validation.get("roc_auc")).isGreaterThan(0.95);
        assertThat(p.trainingSummary().get("rows")).isEqualTo(1500);

        Path file = dir.resolve(type + ".srb");
        Bundles.write(p, file, Instant.EPOCH);
        double[] before = p.score(frame, "x", 2).score();
        double[] after = Bundles.read(file).score(frame, "x", 1).score();
        assertThat(after).containsExactly(before);
    }

    @Test
    void supervisedDetectorsNeedLabels() {
        assertThatThrownBy(() -> new PipelineTrainer(config("random_forest")).fit(Frames.gaussianWithOutliers(100, 5, 1), null))
                .isInstanceOf(InputException.class).hasMessageContaining("learns from labels");
    }

    @Test
    void splitKeepsClassSharesAndIsSeeded() {
        int[] y = labels(1000, 100);
        StratifiedSplit a = StratifiedSplit.of(y, 0.25, 7);
        assertThat(a.holdout()).hasSize(250);
        assertThat(java.util.Arrays.stream(a.holdout()).filter(i -> y[i] == 1).count()).isEqualTo(25);
        assertThat(StratifiedSplit.of(y, 0.25, 7).holdout()).containsExactly(a.holdout());
        assertThat(StratifiedSplit.of(y, 0.25, 8).holdout()).isNotEqualTo(a.holdout());
    }
}
