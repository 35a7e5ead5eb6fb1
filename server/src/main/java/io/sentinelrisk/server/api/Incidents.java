package io.sentinelrisk.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinelrisk.server.store.AlertRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Incidents: an entity's alerts whose event times follow each other within a gap (default 60
 * minutes) form one incident, like the alerts of one intrusion. Worst first (highest risk, then
 * most alerts).
 */
public final class Incidents {
    public static final int DEFAULT_GAP_MINUTES = 60;
    /** Alerts read to group: bounds the work of one request. */
    public static final int MAX_ALERTS = 50_000;

    private Incidents() {
    }

    public record Incident(@JsonProperty("incident_id") String id,
                           @JsonProperty("entity") String entity,
                           @JsonProperty("first_seen") String firstSeen,
                           @JsonProperty("last_seen") String lastSeen,
                           @JsonProperty("alerts") int alerts,
                           @JsonProperty("max_risk") double maxRisk,
                           @JsonProperty("max_severity") String maxSeverity,
                           @JsonProperty("alert_ids") List<String> alertIds) {
    }

    /** Groups alerts sorted by (entity, event time); alerts without an event time are left out. */
    public static List<Incident> group(List<AlertRow> sorted, long gapMillis) {
        List<Incident> out = new ArrayList<>();
        List<AlertRow> run = new ArrayList<>();
        for (AlertRow a : sorted) {
            if (a.eventTime() == null || a.entity() == null) {
                continue;
            }
            if (!run.isEmpty()) {
                AlertRow last = run.get(run.size() - 1);
                if (!last.entity().equals(a.entity()) || a.eventTime() - last.eventTime() > gapMillis) {
                    out.add(incident(run));
                    run = new ArrayList<>();
                }
            }
            run.add(a);
        }
        if (!run.isEmpty()) {
            out.add(incident(run));
        }
        out.sort(Comparator.comparingDouble(Incident::maxRisk).reversed()
                .thenComparing(Comparator.comparingInt(Incident::alerts).reversed())
                .thenComparing(Incident::id));
        return out;
    }

    private static Incident incident(List<AlertRow> run) {
        double risk = 0;
        String worst = "info";
        List<String> ids = new ArrayList<>(run.size());
        for (AlertRow a : run) {
            risk = Math.max(risk, a.risk());
            if (rank(a.severity()) > rank(worst)) {
                worst = a.severity();
            }
            ids.add(a.id());
        }
        return new Incident("inc-" + run.get(0).id(), run.get(0).entity(), Views.iso(run.get(0).eventTime()),
                Views.iso(run.get(run.size() - 1).eventTime()), run.size(), risk, worst, ids);
    }

    static int rank(String severity) {
        return switch (severity) {
            case "critical" -> 3;
            case "high" -> 2;
            case "medium" -> 1;
            default -> 0;
        };
    }
}
