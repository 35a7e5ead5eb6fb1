package io.sentinelrisk.server.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;

/**
 * One ended delivery, as stored in the delivery log and returned by {@code GET /v1/deliveries}.
 *
 * @param id         the log's id (0 before it is stored)
 * @param route      the route's name
 * @param format     the payload format
 * @param alertKey   the alert's stable key (the dedup key receivers see)
 * @param severity   the alert's severity
 * @param status     {@code delivered} or {@code dead_letter}
 * @param attempts   tries made (0 when the alert was never sent: queue full, shutdown)
 * @param httpStatus the last HTTP status received, or null (no answer)
 * @param lastError  why the last try failed (secrets redacted), or null when delivered
 * @param alert      the alert as JSON (written as a JSON object), kept for dead letters only (null otherwise)
 * @param createdAt  when the alert was handed to delivery
 * @param finishedAt when the delivery ended
 */
@JsonPropertyOrder({"id", "route", "format", "alert_key", "severity", "status", "attempts", "http_status", "last_error",
    "created_at", "finished_at", "alert"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryRecord(@JsonProperty("id") long id,
                             @JsonProperty("route") String route,
                             @JsonProperty("format") String format,
                             @JsonProperty("alert_key") String alertKey,
                             @JsonProperty("severity") String severity,
                             @JsonProperty("status") String status,
                             @JsonProperty("attempts") int attempts,
                             @JsonProperty("http_status") Integer httpStatus,
                             @JsonProperty("last_error") String lastError,
                             @JsonProperty("alert") @JsonRawValue String alert,
                             @JsonProperty("created_at") Instant createdAt,
                             @JsonProperty("finished_at") Instant finishedAt) {
}
