package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.explain.Reason;
import io.sentinelrisk.core.judge.JudgeVerdict;

import java.util.List;
import java.util.Optional;

/**
 * One scored record, the same whether it was scored alone or as a row of a batch: the
 * {@code score} (higher = more anomalous: the raw detector score, or the hybrid judge's
 * probability when the bundle has a judge), {@code risk} 0–100, {@code severity},
 * {@code isAnomaly}, the strongest {@code reasons} why it is odd (strongest first) and, with a
 * judge, its {@code judge} verdict (null otherwise). Front ends (exports, predict, the server,
 * streams) turn it into the one {@code Alert} shape.
 */
public record ScoredRecord(double score, double risk, Severity severity, boolean isAnomaly, List<Reason> reasons,
                           JudgeVerdict judge) {
    public ScoredRecord {
        reasons = List.copyOf(reasons);
    }

    /** A record scored without a judge. */
    public ScoredRecord(double score, double risk, Severity severity, boolean isAnomaly, List<Reason> reasons) {
        this(score, risk, severity, isAnomaly, reasons, null);
    }

    /** The category the judge predicts for this record, when the bundle's judge predicts one. */
    public Optional<String> predictedClass() {
        return judge == null ? Optional.empty() : Optional.ofNullable(judge.predictedClass());
    }
}
