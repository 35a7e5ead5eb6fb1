package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.explain.FeatureWeight;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.judge.JudgeVerdict;

import java.util.List;

/**
 * The scores of a batch, one entry per row: {@code score} (higher = more anomalous; the judge's
 * probability when the pipeline has a judge), {@code risk} 0–100, {@code severity} and
 * {@code isAnomaly}; with a judge, {@code detectorScore} holds the unsupervised stage's raw
 * scores and {@code predictedClass} the judge's category per row (null entries: none), else both
 * are null.
 */
public record ScoredBatch(double[] score, double[] risk, Severity[] severity, boolean[] isAnomaly,
                          double[] detectorScore, String[] predictedClass) {

    public ScoredBatch(double[] score, double[] risk, Severity[] severity, boolean[] isAnomaly) {
        this(score, risk, severity, isAnomaly, null, null);
    }

    public int rows() {
        return score.length;
    }

    public boolean judged() {
        return detectorScore != null;
    }

    /** Row {@code row} as a {@link ScoredRecord} with the given reasons (the batch does not keep reasons). */
    public ScoredRecord record(int row, List<Reason> reasons) {
        return record(row, reasons, List.of());
    }

    /** Row {@code row} with its reasons and, with a judge, the judge's attributions. */
    public ScoredRecord record(int row, List<Reason> reasons, List<FeatureWeight> judgeAttributions) {
        JudgeVerdict judge = judged() ? new JudgeVerdict(score[row], detectorScore[row],
                predictedClass == null ? null : predictedClass[row], judgeAttributions) : null;
        return new ScoredRecord(score[row], risk[row], severity[row], isAnomaly[row], reasons, judge);
    }

    /** Rows per severity, indexed by {@link Severity#ordinal()}. */
    public long[] severityCounts() {
        long[] counts = new long[Severity.values().length];
        for (Severity s : severity) {
            counts[s.ordinal()]++;
        }
        return counts;
    }

    public long anomalyCount() {
        long n = 0;
        for (boolean a : isAnomaly) {
            if (a) {
                n++;
            }
        }
        return n;
    }
}
