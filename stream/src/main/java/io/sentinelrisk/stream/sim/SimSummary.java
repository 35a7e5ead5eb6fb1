package io.sentinelrisk.stream.sim;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a replay did.
 *
 * @param sent         events sent
 * @param batches      batches sent
 * @param acknowledged events the target acknowledged
 * @param retried      attempts retried (HTTP: 429, 503, connection failures)
 * @param seconds      wall time of the replay
 * @param askedRate    the rate asked (events/s), 0 when none was
 */
public record SimSummary(@JsonProperty("sent") long sent, @JsonProperty("batches") long batches,
                         @JsonProperty("acknowledged") long acknowledged, @JsonProperty("retried") long retried,
                         @JsonProperty("seconds") double seconds, @JsonProperty("asked_rate") double askedRate) {
    /** Events sent per second, as achieved. */
    @JsonProperty("rate")
    public double rate() {
        return seconds > 0 ? sent / seconds : 0;
    }
}
