package io.sentinelrisk.features.scoring;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.judge.JudgeLabels;
import io.sentinelrisk.core.judge.JudgeSettings;
import io.sentinelrisk.core.pipeline.JudgePipelineTrainer;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one record path: scoring later events one at a time (as typed rows and as JSON objects)
 * gives exactly what scoring them as one block gives — raw score, risk, severity, is_anomaly and
 * reasons — for every detector of the registry, with and without a feature plan, from a bundle
 * written and read back, with the entities' state carried over from training.
 */
class RecordEqualsBatchTest {
    /** Not a detector type: the case of a bundle with a hybrid judge on an autoencoder. */
    static final String HYBRID_JUDGE = "hybrid_judge";

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 11;
        for (String type : Detectors.types()) {
            out.add(Arguments.of(type, false, seed));
            out.add(Arguments.of(type, true, seed));
            seed += 7;
        }
        return out.stream();
    }

    /** The hybrid judge (autoencoder → XGBoost) on the same path: probability and attributions (SHAP per row: slow). */
    static Stream<Arguments> judgeCases() {
        return Stream.of(Arguments.of(HYBRID_JUDGE, false, 171L), Arguments.of(HYBRID_JUDGE, true, 178L));
    }

    @org.junit.jupiter.api.Tag("slow")
    @ParameterizedTest(name = "{0}, features {1}, seed {2}")
    @MethodSource("judgeCases")
    void rowByRowEqualsBatchWithAJudge(String detector, boolean features, long seed, @TempDir Path dir) {
        rowByRowEqualsBatch(detector, features, seed, dir);
    }

    @ParameterizedTest(name = "{0}, features {1}, seed {2}")
    @MethodSource("cases")
    void rowByRowEqualsBatch(String detector, boolean features, long seed, @TempDir Path dir) {
        Path[] files = ScoringData.split(dir, seed, 500, 0.7);
        boolean judged = detector.equals(HYBRID_JUDGE);
        SentinelConfig cfg = ScoringData.config(judged ? "autoencoder" : detector, seed);
        Dataset train = ScoringData.load(files[0], cfg, null);
        FeatureStage stage = features ? FeatureStage.of(FeatureStage.compile("pack:soc")) : null;
        Frame trainFrame = stage == null ? train.frame() : stage.enrich(train.frame(), train.lineNumbers(), "train.csv");
        Pipeline fitted = judged
                ? new JudgePipelineTrainer(cfg, JudgeSettings.of(java.util.Map.of("n_estimators", 20), Detectors.catalog(), "test",
                        k -> null)).fit(trainFrame, JudgeLabels.merge(trainFrame.rows(), null, train.labels(), null))
                : new PipelineTrainer(cfg).fit(trainFrame, train.labels()).pipeline();
        Path bundle = dir.resolve("m.srb");
        Bundles.write(stage == null ? fitted : fitted.withFeatures(stage.part()), bundle, Instant.EPOCH);
        Pipeline pipeline = Bundles.read(bundle);
        assertThat(pipeline.features().isPresent()).isEqualTo(features);
        // a sequential detector (stream_rcf) scores a batch as one stream, each row after the rows
        // before it, and a lone row as the row after training: the two differ by design (detectors.md)
        org.junit.jupiter.api.Assumptions.assumeFalse(pipeline.detector() instanceof io.sentinelrisk.core.detect.SequentialDetector,
                "sequential detector");

        Dataset later = ScoringData.load(files[1], pipeline.config(), pipeline.inputSchema());
        Frame raw = later.frame();
        EventScorer batch = scorer(pipeline, stage);
        EventScorer rows = scorer(pipeline, stage);
        EventScorer json = scorer(pipeline, stage);
        List<ScoredRecord> expected = batch.score(raw, later.lineNumbers(), "later.csv", 2);
        assertThat(expected).hasSize(raw.rows());
        for (int r = 0; r < raw.rows(); r++) {
            ScoredRecord one = rows.score(raw.selectRows(new int[] {r}), null, "row", 1).get(0);
            ScoredRecord fromJson = json.score(ScoringData.json(raw, r), "json");
            assertThat(one).as("row %d as a typed row", r).isEqualTo(expected.get(r));
            assertThat(fromJson).as("row %d as JSON", r).isEqualTo(expected.get(r));
        }
        assertThat(expected.stream().mapToDouble(ScoredRecord::score).distinct().count()).as("scores that differ").isGreaterThan(2);
        assertThat(expected.get(0).judge() != null).isEqualTo(judged);
        if (judged) {
            assertThat(expected.get(0).judge().attributions()).isNotEmpty();
        }
        if (features) {
            // the state carried over from training matters: starting from nothing scores differently
            List<ScoredRecord> fresh = new EventScorer(pipeline).score(raw, later.lineNumbers(), "later.csv", 2);
            assertThat(fresh).isNotEqualTo(expected);
        }
    }

    /** A scorer starting from the entities' state at the end of the training data. */
    private static EventScorer scorer(Pipeline pipeline, FeatureStage trained) {
        EventScorer s = new EventScorer(pipeline);
        if (trained != null) {
            s.stage().orElseThrow().loadState(trained.stateBytes(), "train state");
        }
        return s;
    }
}
