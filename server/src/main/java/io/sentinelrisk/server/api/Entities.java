package io.sentinelrisk.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.sentinelrisk.server.store.AlertRow;
import io.sentinelrisk.server.store.EventRow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/entities/{id}}: an entity's risk now (its latest event's), over time (per day:
 * events, alerts, highest and mean risk) and the incidents its alerts form.
 */
public final class Entities {
    /** Events read per entity (the latest). */
    public static final int MAX_EVENTS = 100_000;

    private Entities() {
    }

    public record Day(@JsonProperty("day") String day, @JsonProperty("events") int events, @JsonProperty("alerts") int alerts,
                      @JsonProperty("max_risk") double maxRisk, @JsonProperty("mean_risk") double meanRisk) {
    }

    public record View(@JsonProperty("entity") String entity,
                       @JsonProperty("risk_now") double riskNow,
                       @JsonProperty("last_event_time") String lastEventTime,
                       @JsonProperty("events") int events,
                       @JsonProperty("alerts") int alerts,
                       @JsonProperty("max_risk") double maxRisk,
                       @JsonProperty("risk_over_time") List<Day> riskOverTime,
                       @JsonProperty("incidents") List<Incidents.Incident> incidents) {
    }

    /** @param events the entity's events in time order; {@code alerts} likewise */
    public static View view(String entity, List<EventRow> events, List<AlertRow> alerts, long gapMillis) {
        Map<String, double[]> days = new LinkedHashMap<>();   // events, alerts, max, sum
        double max = 0;
        int alertCount = 0;
        for (EventRow e : events) {
            long t = e.eventTime() != null ? e.eventTime() : e.receivedAt();
            String day = Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate().toString();
            double[] d = days.computeIfAbsent(day, k -> new double[4]);
            d[0]++;
            d[1] += e.alertId() != null ? 1 : 0;
            d[2] = Math.max(d[2], e.risk());
            d[3] += e.risk();
            max = Math.max(max, e.risk());
            alertCount += e.alertId() != null ? 1 : 0;
        }
        List<Day> over = new ArrayList<>();
        days.forEach((k, d) -> over.add(new Day(k, (int) d[0], (int) d[1], d[2], Math.round(d[3] / d[0] * 100.0) / 100.0)));
        EventRow last = events.get(events.size() - 1);
        return new View(entity, last.risk(), Views.iso(last.eventTime()), events.size(), alertCount, max, over,
                Incidents.group(alerts, gapMillis));
    }
}
