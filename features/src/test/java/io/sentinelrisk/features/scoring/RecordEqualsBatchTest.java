package io.sentinelrisk.features.scoring;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.ingest.Dataset;
import io.sentinelrisk.core.pipeline.Pipeline;
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

    @ParameterizedTest(name = "{0}, features {1}, seed {2}")
    @MethodSource("cases")
    void rowByRowEqualsBatch(String detector, boolean features, long seed, @TempDir Path dir) {
        Path[] files = ScoringData.split(dir, seed, 500, 0.7);
        SentinelConfig cfg = ScoringData.config(detector, seed);
        Dataset train = ScoringData.load(files[0], cfg, null);
        FeatureStage stage = features ? FeatureStage.of(FeatureStage.compile("pack:soc")) : null;
        Frame trainFrame = stage == null ? train.frame() : stage.enrich(train.frame(), train.lineNumbers(), "train.csv");
        Pipeline fitted = new PipelineTrainer(cfg).fit(trainFrame, train.labels()).pipeline();
        Path bundle = dir.resolve("m.srb");
        Bundles.write(stage == null ? fitted : fitted.withFeatures(stage.part()), bundle, Instant.EPOCH);
        Pipeline pipeline = Bundles.read(bundle);
        assertThat(pipeline.features().isPresent()).isEqualTo(features);

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
