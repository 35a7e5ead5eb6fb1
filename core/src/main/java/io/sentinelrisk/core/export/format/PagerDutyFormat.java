package io.sentinelrisk.core.export.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.export.Alert;

import java.time.Instant;

/**
 * PagerDuty Events API v2 trigger event, for {@code POST https://events.pagerduty.com/v2/enqueue}.
 *
 * <p>Spec: https://developer.pagerduty.com/docs/events-api-v2/trigger-events/ and the API
 * reference (https://developer.pagerduty.com/api-reference/368ae3d938c9e-send-an-event-to-pager-duty).
 * Required: {@code routing_key}, {@code event_action} ({@code trigger}), {@code payload.summary}
 * (≤ 1024 characters), {@code payload.source}, {@code payload.severity} (one of {@code critical},
 * {@code error}, {@code warning}, {@code info}). {@code dedup_key} (≤ 255 characters) is the
 * alert's stable key, so a redelivered alert updates one incident instead of opening another.
 * Severity: critical → critical, high → error, medium → warning, info → info.
 *
 * @param routingKey the integration key of the PagerDuty service (a secret: comes from the environment)
 */
public record PagerDutyFormat(String routingKey) implements AlertFormat {
    static final int MAX_SUMMARY = 1024;

    public PagerDutyFormat {
        if (routingKey == null || routingKey.isBlank()) {
            throw new IllegalArgumentException("the PagerDuty format needs a routing key");
        }
    }

    @Override
    public String render(Alert alert, Instant now) {
        AlertView v = new AlertView(alert);
        Instant eventTime = v.eventTime();
        ObjectNode e = Nodes.object();
        e.put("routing_key", routingKey);
        e.put("event_action", "trigger");
        e.put("dedup_key", v.key());
        ObjectNode p = e.putObject("payload");
        p.put("summary", CefFormat.cut(v.title() + " — " + v.narrative(), MAX_SUMMARY));
        p.put("source", source(v));
        p.put("severity", severity(v.severity()));
        p.put("timestamp", Nodes.iso(eventTime != null ? eventTime : now));
        p.put("component", alert.source());
        Nodes.putIfKnown(p, "group", v.category());
        p.put("class", v.category() != null ? v.category() : "anomaly");
        ObjectNode details = p.putObject("custom_details");
        Nodes.putNumber(details, "risk", v.risk());
        Nodes.putNumber(details, "score", v.score());
        details.put("severity", v.severity());
        Nodes.putIfKnown(details, "record_id", v.recordId());
        for (AlertView.Fact f : v.facts()) {
            details.put(f.key(), f.value());
        }
        details.put("narrative", v.narrative());
        details.set("alert", Nodes.alert(alert));
        e.put("client", Product.NAME);
        return Nodes.line(e);
    }

    /** "The unique location of the affected system": the host, else the entity, else the input. */
    private static String source(AlertView v) {
        String s = v.host() != null ? v.host() : v.entity() != null ? v.entity() : v.alert().source();
        return s == null || s.isBlank() ? Product.NAME : CefFormat.cut(s, MAX_SUMMARY);
    }

    static String severity(String severity) {
        return switch (severity) {
            case "critical" -> "critical";
            case "high" -> "error";
            case "medium" -> "warning";
            default -> "info";
        };
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public ExportFormat id() {
        return ExportFormat.PAGERDUTY;
    }
}
