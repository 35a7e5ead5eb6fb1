package io.sentinelrisk.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sentinelrisk.core.drift.DriftReport;

import java.util.List;

/**
 * A stream's data drifted: at a check over the sliding window, columns (or the score, named
 * {@code score}) whose PSI newly reached the {@code significant} verdict (docs/drift.md).
 *
 * @param events      events seen by the scorer when the check ran
 * @param significant the columns that crossed into {@code significant} at this check
 * @param report      the whole report over the window
 */
@JsonPropertyOrder({"type", "events", "significant", "report"})
public record DriftAlert(@JsonProperty("events") long events,
                         @JsonProperty("significant") List<String> significant,
                         @JsonProperty("report") DriftReport report) {
    public DriftAlert {
        significant = List.copyOf(significant);
    }

    /** Tells a drift alert from a record alert on a shared topic. */
    @JsonProperty("type")
    public String type() {
        return "drift";
    }
}
