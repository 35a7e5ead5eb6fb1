package io.sentinelrisk.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.server.delivery.DeliveryRecord;
import io.sentinelrisk.server.store.AlertRow;

import java.time.Instant;

/** JSON views of stored rows. */
public final class Views {
    private Views() {
    }

    /**
     * A stored alert as the API shows it: the one Alert shape, with the server's fields beside it
     * ({@code alert_id}, {@code event_id}, {@code entity}, {@code event_time}, workflow status,
     * assignee, model version and times).
     */
    public static ObjectNode alert(AlertRow a) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("alert_id", a.id());
        out.put("event_id", a.eventId());
        out.put("entity", a.entity());
        out.put("event_time", iso(a.eventTime()));
        out.put("status", a.status());
        out.put("assignee", a.assignee());
        out.put("category", a.category());
        out.put("model_version", a.modelVersion());
        out.put("created_at", iso(a.createdAt()));
        out.put("updated_at", iso(a.updatedAt()));
        try {
            ObjectNode body = (ObjectNode) JsonBodies.MAPPER.readTree(a.body());
            body.fields().forEachRemaining(e -> {
                if (!out.has(e.getKey()) || out.get(e.getKey()).isNull()) {
                    out.set(e.getKey(), e.getValue());
                }
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored alert " + a.id() + " is not JSON", e);
        }
        return out;
    }

    /**
     * A delivery log row as {@code GET /v1/deliveries} shows it: the log's columns as snake_case
     * fields, times as ISO-8601, and for dead letters the alert as a JSON object (not a string).
     */
    public static ObjectNode delivery(DeliveryRecord d) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", d.id());
        out.put("route", d.route());
        out.put("format", d.format());
        out.put("alert_key", d.alertKey());
        out.put("severity", d.severity());
        out.put("status", d.status());
        out.put("attempts", d.attempts());
        out.put("http_status", d.httpStatus());
        out.put("last_error", d.lastError());
        out.put("created_at", d.createdAt() == null ? null : d.createdAt().toString());
        out.put("finished_at", d.finishedAt() == null ? null : d.finishedAt().toString());
        if (d.alert() != null) {
            try {
                out.set("alert", JsonBodies.MAPPER.readTree(d.alert()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("dead letter " + d.id() + " holds no JSON alert", e);
            }
        }
        return out;
    }

    public static String iso(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
    }
}
