package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.calibrate.Severity;

/**
 * What scoring said about a record, as a mapping reads it.
 *
 * @param score          raw detector score (higher = more anomalous)
 * @param risk           0–100
 * @param severity       the severity band
 * @param isAnomaly      above the is_anomaly threshold
 * @param predictedClass the class a supervised judge predicted for the record, or null when the
 *                       bundle has no multi-class judge (conditions on {@code class} are then unknown)
 */
public record ScoreFacts(double score, double risk, Severity severity, boolean isAnomaly, String predictedClass) {
}
