package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.config.ConfigException;
import io.sentinelrisk.core.data.Matrix;
import io.sentinelrisk.core.detect.xgboost.XgboostFactory;
import io.sentinelrisk.core.detect.xgboost.XgboostParams;
import io.sentinelrisk.core.error.InputLocation;
import io.sentinelrisk.core.pipeline.Detectors;
import io.sentinelrisk.core.pipeline.JudgePipelineTrainer;
import io.sentinelrisk.core.pipeline.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The judge's settings for wrong labels: early stopping of the booster on the validation rows
 * ({@code early_stopping_rounds}), confident learning on the training labels ({@code
 * training_labels: confident}) and the gate of the novelty prior ({@code novelty_prior_min_auc}).
 */
class WrongLabelsSettingsTest {
    static final JudgeData TRAIN = JudgeData.generate(3000, 0.05, 1);
    static final JudgeData TEST = JudgeData.generate(1500, 0.05, 2);

    /** The training labels with a share {@code flip} of them inverted (seeded). */
    static int[] noisy(double flip) {
        int[] y = TRAIN.labels.clone();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int r = 0; r < y.length; r++) {
            if (rnd.nextDouble() < flip) {
                y[r] = 1 - y[r];
            }
        }
        return y;
    }

    static Pipeline fit(Map<String, Object> keys, int[] labels, int threads) {
        Map<String, Object> all = new LinkedHashMap<>(Map.of("n_estimators", 200, "max_depth", 4));
        all.putAll(keys);
        JudgeSettings s = JudgeSettings.of(all, Detectors.catalog(), "test", k -> null);
        return new JudgePipelineTrainer(HybridJudgeTest.config(threads), s)
                .fit(TRAIN.frame, JudgeLabels.merge(TRAIN.frame.rows(), null, labels, null));
    }

    static int rounds(Pipeline p) {
        return (Integer) p.judge().orElseThrow().summary().get("booster_rounds");
    }

    @Test
    void earlyStoppingPicksFewerRoundsOnWrongLabelsAndTheBundleRoundTrips(@TempDir Path dir) {
        Map<String, Object> stop = Map.of("early_stopping_rounds", 10);
        Pipeline clean = fit(stop, TRAIN.labels, 2);
        Pipeline wrong = fit(stop, noisy(0.04), 2);
        assertThat(rounds(fit(Map.of("early_stopping_rounds", 0), noisy(0.04), 2))).isEqualTo(200);
        assertThat(rounds(wrong)).isLessThan(rounds(clean)).isLessThan(200);
        assertThat(JudgeSettings.defaults(Detectors.catalog()).earlyStoppingRounds()).isEqualTo(20);

        byte[] two = Bundles.toBytes(wrong, Instant.EPOCH);
        assertThat(Bundles.toBytes(fit(stop, noisy(0.04), 1), Instant.EPOCH)).isEqualTo(two);
        Path file = dir.resolve("stopped.srb");
        Bundles.write(wrong, file, Instant.EPOCH);
        Pipeline back = Bundles.read(file);
        assertThat(back.score(TEST.frame, "t", 1).score()).containsExactly(wrong.score(TEST.frame, "t", 2).score());
        assertThat(Bundles.toBytes(back, Instant.EPOCH)).isEqualTo(two);
    }

    @Test
    void confidentTrainingLabelsLeaveOutMostlyWrongLabels() {
        int[] y = noisy(0.04);
        Pipeline p = fit(Map.of("training_labels", "confident"), y, 2);
        Matrix x = p.preparation().transform(TRAIN.frame);
        XgboostParams params = new XgboostParams(40, 4, 0.1, 1.0, 1.0, 1.0, 1.0, 1.0, "hist", 0);
        int[] kept = LabelPruning.keptRows(XgboostFactory.trainer(params, 1, null, null), x, y, 1, 2);
        boolean[] isKept = new boolean[y.length];
        for (int r : kept) {
            isKept[r] = true;
        }
        int wrong = 0;
        int wrongLeftOut = 0;
        int rightLeftOut = 0;
        for (int r = 0; r < y.length; r++) {
            boolean flipped = y[r] != TRAIN.labels[r];
            wrong += flipped ? 1 : 0;
            wrongLeftOut += flipped && !isKept[r] ? 1 : 0;
            rightLeftOut += !flipped && !isKept[r] ? 1 : 0;
        }
        // most wrong labels are left out, and they are most of what is left out
        assertThat(wrongLeftOut).isGreaterThan(wrong / 2).isGreaterThan(rightLeftOut);

        assertThat((Integer) p.judge().orElseThrow().summary().get("training_rows_contradicted")).isPositive();
        assertThat(Bundles.toBytes(p, Instant.EPOCH)).isEqualTo(Bundles.toBytes(fit(Map.of("training_labels", "confident"), y, 1),
                Instant.EPOCH));
    }

    @Test
    void aNoveltyPriorBelowItsValidationAucIsNotCombined() {
        int[] y = noisy(0.04);
        Pipeline gated = fit(Map.of("novelty_prior_min_auc", 0.99), y, 2);
        Map<?, ?> prior = (Map<?, ?>) gated.judge().orElseThrow().summary().get("novelty_prior");
        assertThat((Double) prior.get("validation_roc_auc")).isLessThan(0.99);
        assertThat(prior.get("combined")).isEqualTo(false);
        assertThat(gated.score(TEST.frame, "t", 2).score())
                .containsExactly(fit(Map.of("novelty_prior", false), y, 2).score(TEST.frame, "t", 2).score());
        assertThat(JudgeSettings.defaults(Detectors.catalog()).noveltyPriorMinAuc()).isEqualTo(0.9);
        Pipeline open = fit(Map.of("novelty_prior_min_auc", 0.0), y, 2);
        assertThat(((Map<?, ?>) open.judge().orElseThrow().summary().get("novelty_prior")).get("combined")).isEqualTo(true);
        assertThat(open.score(TEST.frame, "t", 2).score()).isNotEqualTo(gated.score(TEST.frame, "t", 2).score());
    }

    @Test
    void badValuesAreLocatedErrors() {
        InputLocation at = new InputLocation("p.yaml", 4, 3);
        assertThatThrownBy(() -> JudgeSettings.of(Map.of("early_stopping_rounds", -1), Detectors.catalog(), "judge", k -> at))
                .isInstanceOf(ConfigException.class).hasMessageContaining("p.yaml:4:3")
                .hasMessageContaining("'early_stopping_rounds' must be 0 (off) or at least 1, found -1");
        assertThatThrownBy(() -> JudgeSettings.of(Map.of("novelty_prior_min_auc", 1.0), Detectors.catalog(), "judge", k -> at))
                .isInstanceOf(ConfigException.class).hasMessageContaining("p.yaml:4:3").hasMessageContaining("novelty_prior_min_auc");
        assertThatThrownBy(() -> JudgeSettings.of(Map.of("training_labels", "pruned"), Detectors.catalog(), "judge", k -> at))
                .isInstanceOf(ConfigException.class).hasMessageContaining("training_labels");
    }
}
