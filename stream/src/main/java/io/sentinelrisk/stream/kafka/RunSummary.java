package io.sentinelrisk.stream.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a run of the Kafka scorer did.
 *
 * @param consumed    messages read
 * @param scored      events scored
 * @param alerts      alerts written to the out topic
 * @param late        events older than their entity's latest event (scored, flagged)
 * @param deadLetters events that could not be scored
 * @param driftAlerts drift alerts raised
 * @param commits     commits (state saved and offsets committed)
 * @param seconds     wall time of the run
 */
public record RunSummary(@JsonProperty("consumed") long consumed, @JsonProperty("scored") long scored,
                         @JsonProperty("alerts") long alerts, @JsonProperty("late") long late,
                         @JsonProperty("dead_letters") long deadLetters, @JsonProperty("drift_alerts") long driftAlerts,
                         @JsonProperty("commits") long commits, @JsonProperty("seconds") double seconds) {
    /** Events read per second of the run. */
    @JsonProperty("events_per_second")
    public double eventsPerSecond() {
        return seconds > 0 ? consumed / seconds : 0;
    }
}
