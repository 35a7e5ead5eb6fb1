package io.sentinelrisk.core.feedback;

import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.judge.HybridJudge;
import io.sentinelrisk.core.judge.JudgeLabels;
import io.sentinelrisk.core.judge.JudgeSettings;
import io.sentinelrisk.core.mapping.CompiledMapping;
import io.sentinelrisk.core.pipeline.JudgePipelineTrainer;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.SentinelConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A challenger for a champion with a hybrid judge: the whole judge (autoencoder, detectors,
 * booster, threshold, calibration) refitted on new data with the analysts' verdicts as labels.
 * Labels come from the strongest source that has one ({@link JudgeLabels#merge}): a verdict, then
 * the data's own label, then heuristic rules, then the champion's flag, so the autoencoder still
 * learns from the ordinary rows nobody judged. The champion's judge settings, config, feature plan
 * and business mapping are kept; only the seed may change.
 */
final class JudgeChallenger {
    /** The challenger and the label counts by source. */
    record Fitted(Pipeline challenger, RetrainReport.Labels labels) {
    }

    private JudgeChallenger() {
    }

    /**
     * @param champion   the model in use, with a judge
     * @param frame      the rows to learn from (held-back verdicts left out)
     * @param verdicts   per row: 1, 0 or {@link JudgeLabels#UNKNOWN}
     * @param truth      the data's labels per row, or null
     * @param heuristics heuristic pseudo-labels per row, or null
     * @param flags      the champion's is_anomaly per row
     * @param retrain    what the training summary records about this retraining
     */
    static Fitted fit(Pipeline champion, Frame frame, int[] verdicts, int[] truth, int[] heuristics, boolean[] flags,
                      long seed, Map<String, Object> retrain) {
        HybridJudge judge = champion.judge().orElseThrow();
        int[] championLabels = new int[flags.length];
        for (int r = 0; r < flags.length; r++) {
            championLabels[r] = flags[r] ? 1 : 0;
        }
        JudgeLabels labels = JudgeLabels.merge(frame.rows(), verdicts, truth, heuristics, championLabels);
        JudgeSettings settings = JudgePipelineTrainer.settingsOf(judge);
        SentinelConfig cfg = champion.config().withOverrides(Map.of("random_state", seed), "retrain");
        Pipeline fitted = new JudgePipelineTrainer(cfg, settings).fit(frame, labels);
        Map<String, Integer> counts = labels.counts();
        var sources = new RetrainReport.Labels(counts.get(JudgeLabels.Source.VERDICT.id()),
                counts.get(JudgeLabels.Source.TRUE_LABEL.id()), counts.get(JudgeLabels.Source.HEURISTIC.id()),
                counts.getOrDefault(JudgeLabels.Source.CHAMPION.id(), 0));
        Map<String, Object> summary = new LinkedHashMap<>(fitted.trainingSummary());
        retrain.put("method", RetrainReport.REFIT_JUDGE);
        retrain.put("labels", labels.counts());
        summary.put("retrain", retrain);
        Pipeline challenger = fitted.withCalibration(fitted.calibration(), summary)
                .withFeatures(champion.features().orElse(null))
                .withMapping(champion.mapping().map(CompiledMapping::mapping).orElse(null));
        return new Fitted(challenger, sources);
    }
}
