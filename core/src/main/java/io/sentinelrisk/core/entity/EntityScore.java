package io.sentinelrisk.core.entity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One entity's risk at the reference time (docs/entities.md).
 *
 * @param entity      the entity
 * @param risk        Σ over its alerts of risk × 2^(−age / half-life), 2 decimals
 * @param alerts      its alerts up to the reference time
 * @param maxRisk     its highest alert risk
 * @param severity    its most severe alert's severity
 * @param firstAlert  its first alert's event time (ISO-8601 UTC)
 * @param lastAlert   its last alert's event time
 */
@JsonPropertyOrder({"entity", "risk", "alerts", "max_risk", "severity", "first_alert", "last_alert"})
public record EntityScore(@JsonProperty("entity") String entity,
                          @JsonProperty("risk") double risk,
                          @JsonProperty("alerts") int alerts,
                          @JsonProperty("max_risk") double maxRisk,
                          @JsonProperty("severity") String severity,
                          @JsonProperty("first_alert") String firstAlert,
                          @JsonProperty("last_alert") String lastAlert) {
}
