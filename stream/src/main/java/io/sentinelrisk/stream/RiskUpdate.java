package io.sentinelrisk.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.entity.EntityScore;
import io.sentinelrisk.core.entity.RunningRisk;

/**
 * An entity's decayed risk after an alert moved it (docs/streaming.md, JSON Schema
 * docs/schemas/entity-risk.schema.json): the fields of an entity in {@code sentinel entities
 * --report}, as of the entity's latest alert, with the alert that moved it.
 *
 * @param entity     the alert's entity (also the Kafka key)
 * @param risk       Σ over its alerts of risk × 2^(−age / half-life) at {@code lastAlert}, 2 decimals
 * @param alerts     its alerts so far
 * @param maxRisk    its highest alert risk
 * @param severity   its most severe alert's severity
 * @param firstAlert its first alert's event time
 * @param lastAlert  its latest alert's event time: the time the risk is reported at
 * @param halfLifeMs the half-life h
 * @param alertId    the alert that moved it
 */
@JsonPropertyOrder({"type", "entity", "risk", "alerts", "max_risk", "severity", "first_alert", "last_alert", "half_life_ms", "alert_id"})
public record RiskUpdate(@JsonProperty("entity") String entity, @JsonProperty("risk") double risk, @JsonProperty("alerts") int alerts,
                         @JsonProperty("max_risk") double maxRisk, @JsonProperty("severity") String severity,
                         @JsonProperty("first_alert") String firstAlert, @JsonProperty("last_alert") String lastAlert,
                         @JsonProperty("half_life_ms") long halfLifeMs, @JsonProperty("alert_id") String alertId) {

    static RiskUpdate of(String entity, RunningRisk r, long halfLifeMs, String alertId) {
        EntityScore s = r.score(entity);
        return new RiskUpdate(entity, s.risk(), s.alerts(), s.maxRisk(), s.severity(), s.firstAlert(), s.lastAlert(), halfLifeMs, alertId);
    }

    /** Tells a risk update from an alert or a drift alert on a shared topic. */
    @JsonProperty("type")
    public String type() {
        return "entity_risk";
    }
}
