package io.sentinelrisk.core.mapping;

import io.sentinelrisk.core.calibrate.Severity;

import java.util.List;

/**
 * What a record that no category matches gets: its severity decides the SLA and the action
 * (docs/mapping.md, "The generic category"). A mapping file may change any of these per severity
 * under {@code generic:}.
 *
 * @param slaMinutes null for none
 * @param estimatedCost null when unknown
 */
record Generic(Integer slaMinutes, String recommendedAction, List<String> escalation, Double estimatedCost,
               Template narrative) {
    /** The category name of a record that no category matched. */
    static final String CATEGORY = Business.GENERIC;
    static final String NARRATIVE = "Unclassified {severity} anomaly: {reasons}.";

    Generic {
        escalation = List.copyOf(escalation);
    }

    /** The documented defaults of a severity. */
    static Generic defaults(Severity severity) {
        Template narrative = new Template(NARRATIVE, null);
        return switch (severity) {
            case CRITICAL -> new Generic(15, "Investigate now: contain the affected account, device or host and open an incident.",
                    List.of("soc_tier2", "incident_response"), null, narrative);
            case HIGH -> new Generic(60, "Investigate within the hour and confirm the activity with its owner.",
                    List.of("soc_tier1", "soc_tier2"), null, narrative);
            case MEDIUM -> new Generic(240, "Review in today's queue.", List.of("soc_tier1"), null, narrative);
            case INFO -> new Generic(null, "None: normal activity, kept for reference.", List.of(), null,
                    new Template("No anomaly ({severity}): {reasons}.", null));
        };
    }
}
