package io.sentinelrisk.core.entity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * Alerts of one entity linked in time (docs/entities.md): a chain in time order with its own
 * severity and narrative.
 *
 * @param incidentId the id of its first alert, prefixed {@code inc-}: stable as long as the first alert is
 * @param entity     whose alerts
 * @param start      the first alert's event time (ISO-8601 UTC)
 * @param end        the last alert's event time
 * @param alerts     how many alerts
 * @param severity   the incident's severity: its most severe alert's, one level higher when it has
 *                   two or more distinct steps (a multi-stage attack), at most critical
 * @param maxRisk    its highest alert risk
 * @param steps      its alerts' categories in time order, a run of the same category as one step
 * @param narrative  one line: "user_42: brute force ×25 → impossible travel → data exfiltration (27 alerts in 1h 12m, highest risk 100.00)"
 * @param alertIds   its alerts' ids, in time order
 */
@JsonPropertyOrder({"incident_id", "entity", "start", "end", "alerts", "severity", "max_risk", "steps", "narrative", "alert_ids"})
public record Incident(@JsonProperty("incident_id") String incidentId,
                       @JsonProperty("entity") String entity,
                       @JsonProperty("start") String start,
                       @JsonProperty("end") String end,
                       @JsonProperty("alerts") int alerts,
                       @JsonProperty("severity") String severity,
                       @JsonProperty("max_risk") double maxRisk,
                       @JsonProperty("steps") List<Step> steps,
                       @JsonProperty("narrative") String narrative,
                       @JsonProperty("alert_ids") List<String> alertIds) {
    public Incident {
        steps = List.copyOf(steps);
        alertIds = List.copyOf(alertIds);
    }

    /** A run of alerts of one category. */
    @JsonPropertyOrder({"category", "alerts", "start"})
    public record Step(@JsonProperty("category") String category, @JsonProperty("alerts") int alerts,
                       @JsonProperty("start") String start) {
    }
}
