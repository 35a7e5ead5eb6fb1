package io.sentinelrisk.core.pipeline;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.explain.Reason;

import java.util.List;

/**
 * One scored record, the same whether it was scored alone or as a row of a batch: the raw
 * detector {@code score} (higher = more anomalous), {@code risk} 0–100, {@code severity},
 * {@code isAnomaly} and the strongest {@code reasons} why it is odd (strongest first).
 * Front ends (exports, predict, the server, streams) turn it into the one {@code Alert} shape.
 */
public record ScoredRecord(double score, double risk, Severity severity, boolean isAnomaly, List<Reason> reasons) {
    public ScoredRecord {
        reasons = List.copyOf(reasons);
    }
}
