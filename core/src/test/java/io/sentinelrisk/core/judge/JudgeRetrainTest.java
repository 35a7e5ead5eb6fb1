package io.sentinelrisk.core.judge;

import io.sentinelrisk.core.bundle.Bundles;
import io.sentinelrisk.core.bundle.ModelId;
import io.sentinelrisk.core.export.AlertIds;
import io.sentinelrisk.core.export.RecordValues;
import io.sentinelrisk.core.feedback.FeedbackEntry;
import io.sentinelrisk.core.feedback.RetrainMetric;
import io.sentinelrisk.core.feedback.RetrainReport;
import io.sentinelrisk.core.feedback.Retrainer;
import io.sentinelrisk.core.feedback.Verdict;
import io.sentinelrisk.core.pipeline.JudgePipelineTrainer;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ScoredBatch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retraining a hybrid judge from verdicts: a champion that learnt from a rule which sees only the
 * loud anomalies, new data where analysts confirmed quiet ones too. The verdicts become the
 * strongest labels; the refitted judge must beat the champion on verdicts it never saw, and must
 * not when the verdicts teach nothing new.
 */
class JudgeRetrainTest {
    private static final Instant AT = Instant.parse("2024-02-01T09:00:00Z");
    private static final String RULES = """
            rules:
              - name: loud
                when: x4 > 5
            """;

    static Pipeline champion;
    static JudgeData fresh;
    static int[] heuristics;

    @BeforeAll
    static void setUp() {
        JudgeData train = JudgeData.generate(3000, 0.05, 1);
        int[] pseudo = HeuristicRules.parse(RULES, "r.yaml").apply(train.frame).labels();
        champion = new JudgePipelineTrainer(HybridJudgeTest.config(2), HybridJudgeTest.settings())
                .fit(train.frame, JudgeLabels.merge(train.frame.rows(), null, null, pseudo));
        fresh = JudgeData.generate(3000, 0.05, 3);
        heuristics = HeuristicRules.parse(RULES, "r.yaml").apply(fresh.frame).labels();
    }

    /** A verdict for every row the analysts looked at: {@code reviewed} rows, true_positive where the row is an attack. */
    private static List<FeedbackEntry> verdicts(boolean[] reviewed) {
        String id = ModelId.of(champion);
        List<FeedbackEntry> out = new ArrayList<>();
        for (int r = 0; r < fresh.frame.rows(); r++) {
            if (reviewed[r]) {
                String alert = AlertIds.of(id, "new.csv", r, RecordValues.id(fresh.frame, r));
                out.add(new FeedbackEntry("fb.jsonl", out.size() + 1, alert, null,
                        fresh.labels[r] == 1 ? Verdict.TRUE_POSITIVE : Verdict.FALSE_POSITIVE, "kim", "", AT));
            }
        }
        return out;
    }

    private static Retrainer.Settings settings() {
        return new Retrainer.Settings(0.3, 7, RetrainMetric.F1, 2);
    }

    @Test
    void verdictsOnQuietAttacksGiveAJudgeThatFindsThem(@TempDir Path dir) {
        ScoredBatch before = champion.score(fresh.frame, "new.csv", 2);
        // analysts reviewed every alert and every third row besides (where they found the quiet attacks)
        boolean[] reviewed = new boolean[fresh.frame.rows()];
        for (int r = 0; r < reviewed.length; r++) {
            reviewed[r] = before.isAnomaly()[r] || r % 3 == 0;
        }
        Retrainer.Result result = Retrainer.run(champion, fresh.frame, "new.csv", null, heuristics, verdicts(reviewed), settings());
        RetrainReport r = result.report();
        assertThat(r.method()).isEqualTo(RetrainReport.REFIT_JUDGE);
        assertThat(r.detector()).isEqualTo("hybrid_judge");
        // verdicts first, then the rule, for every row not held back; no champion flag is needed
        int decided = r.verdicts().threats() + r.verdicts().noThreats();
        assertThat(r.labels().fromVerdicts()).isEqualTo(decided - r.holdout().alerts());
        assertThat(r.labels().fromHeuristics()).isEqualTo(fresh.frame.rows() - decided);
        assertThat(r.labels().fromChampion()).isZero();
        assertThat(r.champion().recall()).as("the champion misses quiet attacks").isLessThan(0.8);
        assertThat(r.challenger().recall()).isGreaterThan(r.champion().recall());
        assertThat(r.challenger().f1()).isGreaterThan(r.champion().f1() + 0.03);
        assertThat(r.winner()).isEqualTo("challenger");
        Pipeline challenger = result.challenger();
        assertThat(challenger.judge()).isPresent();
        assertThat(challenger.trainingSummary()).containsKey("retrain");
        // the challenger is a complete bundle that scores alone
        Bundles.write(challenger, dir.resolve("c.srb"), Instant.EPOCH);
        Pipeline back = Bundles.read(dir.resolve("c.srb"));
        assertThat(back.score(fresh.frame, "new.csv", 1).score()).containsExactly(challenger.score(fresh.frame, "new.csv", 1).score());
    }

    @Test
    void verdictsThatTeachNothingNewKeepTheChampion() {
        // analysts only confirmed loud attacks and cleared ordinary rows: the champion is already right on them
        boolean[] reviewed = new boolean[fresh.frame.rows()];
        for (int r = 0; r < reviewed.length; r++) {
            reviewed[r] = heuristics[r] == 1 || (fresh.labels[r] == 0 && r % 5 == 0);
        }
        Retrainer.Result result = Retrainer.run(champion, fresh.frame, "new.csv", null, heuristics, verdicts(reviewed), settings());
        RetrainReport r = result.report();
        assertThat(r.champion().f1()).isGreaterThan(0.95);
        assertThat(r.challenger().f1()).isLessThanOrEqualTo(r.champion().f1());
        assertThat(r.challengerWins()).isFalse();
        assertThat(r.winner()).isEqualTo("champion");
    }
}
