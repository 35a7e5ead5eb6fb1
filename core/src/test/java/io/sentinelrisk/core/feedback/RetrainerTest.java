package io.sentinelrisk.core.feedback;

import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.core.export.AlertIds;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.PipelineTrainer;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import io.sentinelrisk.core.pipeline.SentinelConfig;
import io.sentinelrisk.core.testdata.Frames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RetrainerTest {
    private static final Instant AT = Instant.parse("2024-02-01T09:00:00Z");
    private static final int ODD = 40;

    private static Pipeline champion;
    private static Frame fresh;
    private static ScoredBatch scores;
    private static String modelId;

    /** A champion whose contamination 0.1 flags many ordinary rows, and new data whose first 40 rows are odd. */
    @BeforeAll
    static void fit() {
        SentinelConfig cfg = SentinelConfig.fromMap(new LinkedHashMap<>(), Map.of("contamination", 0.1, "n_estimators", 50),
                k -> null, "test");
        champion = new PipelineTrainer(cfg).fit(Frames.gaussianWithOutliers(2000, 0, 1), null).pipeline();
        fresh = Frames.gaussianWithOutliers(1000, ODD, 2);
        scores = champion.score(fresh, "new.csv", 1);
        modelId = ModelId.of(champion);
    }

    private static FeedbackEntry verdict(int row, Verdict v) {
        return new FeedbackEntry("t", row + 1, AlertIds.of(modelId, "new.csv", row, null), null, v, "ana", "", AT);
    }

    private static Retrainer.Settings settings(RetrainMetric m) {
        return new Retrainer.Settings(0.3, 7, m, 1);
    }

    @Test
    void verdictsThatTheChampionFlagsTooMuchGiveABetterThreshold() {
        List<FeedbackEntry> verdicts = new ArrayList<>();
        int flagged = 0;
        for (int r = 0; r < fresh.rows(); r++) {
            if (scores.isAnomaly()[r]) {
                flagged++;
                verdicts.add(verdict(r, r < ODD ? Verdict.TRUE_POSITIVE : Verdict.FALSE_POSITIVE));
            }
        }
        assertThat(flagged).as("the champion flags ordinary rows too").isGreaterThan(ODD + 20);
        Retrainer.Result result = Retrainer.run(champion, fresh, "new.csv", null, verdicts, settings(RetrainMetric.F1));
        RetrainReport r = result.report();
        assertThat(r.method()).isEqualTo(RetrainReport.RECALIBRATE);
        assertThat(r.verdicts().matched()).isEqualTo(flagged);
        assertThat(r.verdicts().unmatched()).isZero();
        assertThat(r.holdout().alerts()).isEqualTo(Math.round(ODD * 0.3) + Math.round((flagged - ODD) * 0.3));
        assertThat(r.champion().precision()).isLessThan(0.7);
        assertThat(r.champion().recall()).isEqualTo(1.0);   // on alerts, the champion flagged every one
        assertThat(r.challenger().f1()).isGreaterThan(r.champion().f1());
        assertThat(r.challengerWins()).isTrue();
        assertThat(r.threshold().challengerAnomalyAbove()).isGreaterThan(r.threshold().championAnomalyAbove());
        assertThat(r.threshold().challengerContamination()).isLessThan(0.1);
        // the challenger is the champion with the new threshold: same scores, fewer flags
        Pipeline c = result.challenger();
        assertThat(c.score(fresh, "new.csv", 1).score()).containsExactly(scores.score());
        assertThat(c.calibration().anomalyAt()).isEqualTo(r.threshold().challengerAnomalyAbove());
        assertThat(c.config().contamination()).isEqualTo(r.threshold().challengerContamination());
        assertThat(r.challengerModelId()).isEqualTo(ModelId.of(c)).isNotEqualTo(modelId);
        // deterministic for a seed
        RetrainReport again = Retrainer.run(champion, fresh, "new.csv", null, verdicts, settings(RetrainMetric.F1)).report();
        assertThat(again).isEqualTo(r);
    }

    @Test
    void aChampionTheVerdictsAgreeWithIsNotBeaten() {
        List<FeedbackEntry> verdicts = new ArrayList<>();
        int quiet = 0;
        for (int r = 0; r < fresh.rows(); r++) {
            if (scores.isAnomaly()[r]) {
                verdicts.add(verdict(r, Verdict.TRUE_POSITIVE));
            } else if (quiet++ < 80) {
                verdicts.add(verdict(r, r % 2 == 0 ? Verdict.FALSE_POSITIVE : Verdict.BENIGN));
            }
        }
        for (RetrainMetric m : RetrainMetric.values()) {
            RetrainReport r = Retrainer.run(champion, fresh, "new.csv", null, verdicts, settings(m)).report();
            assertThat(r.champion().metricValue()).as(m.id()).isEqualTo(1.0);
            assertThat(r.challengerWins()).as(m.id()).isFalse();
            assertThat(r.winner()).isEqualTo("champion");
        }
    }

    @Test
    void verdictsOfOneKindOnlyAreRefused() {
        List<FeedbackEntry> verdicts = new ArrayList<>();
        for (int r = 0; r < ODD; r++) {
            verdicts.add(verdict(r, Verdict.TRUE_POSITIVE));
        }
        verdicts.add(new FeedbackEntry("t", 99, "0000000000000000", null, Verdict.FALSE_POSITIVE, "ana", "", AT));
        assertThatThrownBy(() -> Retrainer.run(champion, fresh, "new.csv", null, verdicts, settings(RetrainMetric.F1)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("40 threat and 0 no-threat verdicts (1 verdict lines named no record");
    }

    @Test
    void theBestThresholdSeparatesTheVerdictsAndPrefersTheCurrentOneOnTies() {
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.5};
        int[] y = {1, 1, 0, 1, 0};
        // F1 by flagged top-k: k=2 → 0.8, k=4 → 0.857: flag the top 4, threshold between 0.6 and 0.5
        assertThat(Retrainer.bestThreshold(s, y, RetrainMetric.F1, 0.1)).isCloseTo(0.55, within(1e-12));
        // precision 1 at k=1 and k=2: the nearer to the current threshold wins
        assertThat(Retrainer.bestThreshold(s, y, RetrainMetric.PRECISION, 0.84)).isCloseTo(0.85, within(1e-12));
        assertThat(Retrainer.bestThreshold(s, y, RetrainMetric.PRECISION, 0.76)).isCloseTo(0.75, within(1e-12));
        // ties in score cannot be separated
        assertThat(Retrainer.bestThreshold(new double[] {0.5, 0.5}, new int[] {1, 0}, RetrainMetric.ACCURACY, 0.0))
                .isIn(0.5, Math.nextDown(0.5));
    }
}
