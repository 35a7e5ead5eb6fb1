package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.explain.Reason;

import java.util.List;

/**
 * The scores of a batch, one entry per row: raw {@code score} (higher = more anomalous),
 * {@code risk} 0–100, {@code severity} and {@code isAnomaly}.
 */
public record ScoredBatch(double[] score, double[] risk, Severity[] severity, boolean[] isAnomaly) {
    public int rows() {
        return score.length;
    }

    /** Row {@code row} as a {@link ScoredRecord} with the given reasons (the batch does not keep reasons). */
    public ScoredRecord record(int row, List<Reason> reasons) {
        return new ScoredRecord(score[row], risk[row], severity[row], isAnomaly[row], reasons);
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
