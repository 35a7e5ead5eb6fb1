package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.metrics.RankingMetrics;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.pipeline.JudgePipelineTrainer;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.ScoredRecord;
import io.sentinelrisk.core.pipeline.Scorer;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hybrid judge end to end in core: planted signal, bundle round trip, determinism, record = batch. */
class HybridJudgeTest {
    static JudgeData train;
    static JudgeData test;
    static Pipeline judged;

    static SentinelConfig config(int threads) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("detector.type", "autoencoder");
        o.put("detector.hidden_layers", List.of(8, 3, 8));
        o.put("detector.epochs", 8);
        o.put("threads", threads);
        o.put("contamination", 0.05);
        return SentinelConfig.fromMap(new LinkedHashMap<>(), o, k -> null, "test");
    }

    /** The prior always combined: on these rows its validation ROC AUC is under the default gate's 0.9 (the quiet attacks are not odd). */
    static JudgeSettings settings() {
        return JudgeSettings.of(Map.of("n_estimators", 40, "max_depth", 4, "novelty_prior_min_auc", 0.0), Detectors.catalog(), "test", k -> null);
    }

    static Pipeline fit(int threads) {
        JudgeLabels labels = JudgeLabels.merge(train.frame.rows(), null, train.labels, null);
        return new JudgePipelineTrainer(config(threads), settings()).fit(train.frame, labels);
    }

    @BeforeAll
    static void setUp() {
        train = JudgeData.generate(3000, 0.05, 1);
        test = JudgeData.generate(3000, 0.05, 2);
        judged = fit(2);
    }

    @Test
    void judgeFindsQuietAttacksTheIsolationForestMisses() {
        double judge = RankingMetrics.rocAuc(judged.score(test.frame, "test", 2).score(), test.labels);
        Pipeline iforest = new PipelineTrainer(SentinelConfig.defaults()).fit(train.frame, null).pipeline();
        double baseline = RankingMetrics.rocAuc(iforest.score(test.frame, "test", 2).score(), test.labels);
        // stated baseline: the default isolation forest on the same rows
        assertThat(judge).isGreaterThan(0.95).isGreaterThan(baseline + 0.1);
    }

    @Test
    void thresholdDecidesIsAnomalyAndDetectorScoreStays() {
        ScoredBatch b = judged.score(test.frame, "test", 1);
        HybridJudge j = judged.judge().orElseThrow();
        for (int r = 0; r < b.rows(); r++) {
            assertThat(b.isAnomaly()[r]).isEqualTo(b.score()[r] > j.threshold());
        }
        double[] ae = new double[test.frame.rows()];
        judged.detector().score(judged.preparation().transform(test.frame), ae, 1);
        assertThat(b.detectorScore()).containsExactly(ae);
        assertThat(j.summary()).containsKeys("labels", "threshold", "threshold_rule", "validation");
    }

    @Test
    void bundleRoundTripsAndIsByteIdenticalWhateverTheThreads(@TempDir Path dir) {
        byte[] two = Bundles.toBytes(judged, Instant.EPOCH);
        byte[] one = Bundles.toBytes(fit(1), Instant.EPOCH);
        assertThat(one).isEqualTo(two);
        Path file = dir.resolve("judge.srb");
        Bundles.write(judged, file, Instant.EPOCH);
        assertThat(Bundles.entryNames(file)).contains("judge/judge.json", "judge/booster.json", "judge/detector-iforest.bin");
        Pipeline back = Bundles.read(file);
        assertThat(back.score(test.frame, "t", 1).score()).containsExactly(judged.score(test.frame, "t", 2).score());
        assertThat(Bundles.toBytes(back, Instant.EPOCH)).isEqualTo(two);
    }

    @Test
    void multiClassOptionPredictsTheScenarioAndRoundTrips(@TempDir Path dir) {
        JudgeSettings s = JudgeSettings.of(Map.of("n_estimators", 30, "max_depth", 3, "class_column", "scenario"),
                Detectors.catalog(), "test", k -> null);
        int[] truth = JudgeLabels.sample(train.labels, 0.5, 3);
        Pipeline p = new JudgePipelineTrainer(config(2), s).fit(train.frame, JudgeLabels.merge(train.frame.rows(), null, truth, null));
        ScoredBatch b = p.score(test.frame, "test", 2);
        String[] scenario = new String[test.frame.rows()];
        int right = 0;
        int anomalies = 0;
        for (int r = 0; r < scenario.length; r++) {
            scenario[r] = test.frame.column("scenario").text(r);
            if (test.labels[r] == 1) {
                anomalies++;
                right += b.predictedClass()[r].equals(scenario[r]) ? 1 : 0;
            }
        }
        assertThat((double) right / anomalies).isGreaterThan(0.9);
        assertThat(p.judge().orElseThrow().classes()).containsExactly("loud", "normal", "quiet");
        Path file = dir.resolve("classes.srb");
        Bundles.write(p, file, Instant.EPOCH);
        Pipeline back = Bundles.read(file);
        assertThat(back.score(test.frame, "t", 1).predictedClass()).containsExactly(b.predictedClass());
        ScoredRecord one = new Scorer(back).scoreOne(test.frame.selectRows(new int[] {0}), "one");
        assertThat(one.predictedClass()).contains(b.predictedClass()[0]);
    }

    @Test
    void aRecordScoredAloneIsTheRowOfTheBatch() {
        Scorer scorer = new Scorer(judged);
        var block = test.frame.selectRows(java.util.stream.IntStream.range(0, 60).toArray());
        List<ScoredRecord> batch = scorer.score(block, "b", 2);
        for (int r = 0; r < 60; r++) {
            ScoredRecord one = scorer.scoreOne(block.selectRows(new int[] {r}), "one");
            assertThat(one).isEqualTo(batch.get(r));
            assertThat(one.judge().attributions()).isNotEmpty();
        }
    }

    /**
     * The novelty floor: the same booster, prior and threshold as the judge without it, every
     * probability at least as high; stored in {@code judge/judge.json}, the bundle round-trips byte
     * for byte. A bundle without the floor (every bundle made before it) has no such field and
     * reads back without one (the round trip above).
     */
    @Test
    void noveltyFloorOnlyAddsFlagsAndRoundTrips(@TempDir Path dir) throws Exception {
        Map<String, Object> keys = new LinkedHashMap<>(Map.of("n_estimators", 40, "max_depth", 4, "novelty_prior_min_auc", 0.0));
        keys.put("novelty_floor_fpr", 0.02);
        JudgeSettings s = JudgeSettings.of(keys, Detectors.catalog(), "test", k -> null);
        Pipeline floored = new JudgePipelineTrainer(config(2), s)
                .fit(train.frame, JudgeLabels.merge(train.frame.rows(), null, train.labels, null));
        HybridJudge withFloor = floored.judge().orElseThrow();
        HybridJudge plain = judged.judge().orElseThrow();
        assertThat(withFloor.floor().orElseThrow().falsePositiveRate()).isEqualTo(0.02);
        assertThat(plain.floor()).isEmpty();
        assertThat(withFloor.threshold()).isEqualTo(plain.threshold());
        double[] p = floored.score(test.frame, "t", 2).score();
        double[] q = judged.score(test.frame, "t", 2).score();
        int added = 0;
        for (int r = 0; r < p.length; r++) {
            assertThat(p[r]).isGreaterThanOrEqualTo(q[r]);
            added += withFloor.flagged(p[r]) && !plain.flagged(q[r]) ? 1 : 0;
        }
        assertThat(added).isPositive();

        Path file = dir.resolve("floor.srb");
        Bundles.write(floored, file, Instant.EPOCH);
        assertThat(judgeJson(file)).contains("\"novelty_floor\"");
        Bundles.write(judged, dir.resolve("plain.srb"), Instant.EPOCH);
        assertThat(judgeJson(dir.resolve("plain.srb"))).doesNotContain("\"novelty_floor\"");
        Pipeline back = Bundles.read(file);
        assertThat(back.judge().orElseThrow().floor()).isEqualTo(withFloor.floor());
        assertThat(back.score(test.frame, "t", 1).score()).containsExactly(p);
        assertThat(Bundles.toBytes(back, Instant.EPOCH)).isEqualTo(Bundles.toBytes(floored, Instant.EPOCH));
    }

    /**
     * {@code validation_labels: confident} with a share of wrong labels: the threshold is chosen on
     * the validation rows whose label the probabilities do not contradict, so it is higher than the
     * one chosen on every row (the wrong labels pull the best validation F1, and so the
     * calibrated_f1 threshold, down); the setting is kept in the bundle, which round-trips and is
     * byte-identical whatever the thread count. {@code confident} is the default.
     */
    @Test
    void confidentValidationLabelsResistWrongLabelsAndRoundTrip(@TempDir Path dir) {
        int[] noisy = train.labels.clone();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int r = 0; r < noisy.length; r++) {
            if (rnd.nextDouble() < 0.04) {
                noisy[r] = 1 - noisy[r];
            }
        }
        JudgeLabels labels = JudgeLabels.merge(train.frame.rows(), null, noisy, null);
        Map<String, Object> keys = new LinkedHashMap<>(Map.of("n_estimators", 40, "max_depth", 4));
        keys.put("validation_labels", "as_given");
        Pipeline asGiven = new JudgePipelineTrainer(config(2), JudgeSettings.of(keys, Detectors.catalog(), "test", k -> null))
                .fit(train.frame, labels);
        keys.put("validation_labels", "confident");
        JudgeSettings s = JudgeSettings.of(keys, Detectors.catalog(), "test", k -> null);
        Pipeline confident = new JudgePipelineTrainer(config(2), s).fit(train.frame, labels);
        HybridJudge j = confident.judge().orElseThrow();
        assertThat(j.threshold()).isGreaterThan(asGiven.judge().orElseThrow().threshold());
        assertThat((Integer) j.summary().get("validation_rows_contradicted")).isPositive();
        assertThat(((Map<?, ?>) j.summary().get("settings")).get("validation_labels")).isEqualTo("confident");
        assertThat(JudgeSettings.defaults(Detectors.catalog()).validationLabels()).isEqualTo("confident");
        // the same booster: only the threshold moves
        assertThat(confident.score(test.frame, "t", 2).score()).containsExactly(asGiven.score(test.frame, "t", 2).score());

        byte[] two = Bundles.toBytes(confident, Instant.EPOCH);
        byte[] one = Bundles.toBytes(new JudgePipelineTrainer(config(1), s).fit(train.frame, labels), Instant.EPOCH);
        assertThat(one).isEqualTo(two);
        Path file = dir.resolve("confident.srb");
        Bundles.write(confident, file, Instant.EPOCH);
        Pipeline back = Bundles.read(file);
        assertThat(back.judge().orElseThrow().threshold()).isEqualTo(j.threshold());
        assertThat(back.score(test.frame, "t", 1).isAnomaly()).containsExactly(confident.score(test.frame, "t", 2).isAnomaly());
        assertThat(Bundles.toBytes(back, Instant.EPOCH)).isEqualTo(two);
    }

    private static String judgeJson(Path bundle) throws java.io.IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(bundle.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("judge/judge.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
