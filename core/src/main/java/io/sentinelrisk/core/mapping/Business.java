package io.sentinelrisk.core.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What a scored record means to the business, as its bundle's mapping says (docs/mapping.md): the
 * {@code business} object of an alert. Emitted by every front end (top-N export, predict, the
 * scorecard's columns, the summary report's totals).
 *
 * @param category          the first matching category's name, or {@value #GENERIC} when none matched
 * @param riskLevel         low, medium, high or critical: the category's, else the record's severity
 * @param estimatedCost     what one such incident is estimated to cost, or null when the mapping does not say
 * @param currency          of {@code estimatedCost} (ISO 4217 code)
 * @param slaMinutes        time allowed to respond, or null for none (an {@code info} record)
 * @param recommendedAction what to do first
 * @param escalation        who is told, in order (may be empty)
 * @param narrative         one line for people: the category's filled-in narrative, then risk, cost, SLA,
 *                          action and escalation
 */
@JsonPropertyOrder({"category", "risk_level", "estimated_cost", "currency", "sla_minutes", "recommended_action",
    "escalation", "narrative"})
public record Business(@JsonProperty("category") String category,
                       @JsonProperty("risk_level") String riskLevel,
                       @JsonProperty("estimated_cost") @JsonInclude(JsonInclude.Include.ALWAYS) Double estimatedCost,
                       @JsonProperty("currency") String currency,
                       @JsonProperty("sla_minutes") @JsonInclude(JsonInclude.Include.ALWAYS) Integer slaMinutes,
                       @JsonProperty("recommended_action") String recommendedAction,
                       @JsonProperty("escalation") List<String> escalation,
                       @JsonProperty("narrative") String narrative) {
    /** The category of a record that no category matched: its severity sets the SLA and the action. */
    public static final String GENERIC = "unclassified";

    public Business {
        escalation = List.copyOf(escalation);
    }

    /** True when no category matched and the severity's defaults apply. */
    public boolean generic() {
        return GENERIC.equals(category);
    }
}
