package io.sentinelrisk.core.export.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.export.Alert;

import java.time.Instant;

/**
 * Elastic Common Schema (ECS) 8.17 document for an alert.
 *
 * <p>Spec: https://www.elastic.co/guide/en/ecs/8.17/ecs-field-reference.html. Required in every
 * ECS event: {@code @timestamp} and {@code ecs.version} (Base and ECS field sets). An alert is
 * {@code event.kind: alert}; {@code event.risk_score} is "your system's original value" (the raw
 * detector score), {@code event.risk_score_norm} the score normalised to 0-100 (the risk);
 * {@code event.severity} is numeric (Elastic's detection-rule scale: 21 low, 47 medium, 73 high,
 * 99 critical). {@code labels} holds keyword values only. The whole alert is kept under the custom
 * field set {@code sentinelrisk} (ECS: custom fields go under a name of their own).
 */
public record EcsFormat() implements AlertFormat {
    public static final String ECS_VERSION = "8.17.0";

    @Override
    public String render(Alert alert, Instant now) {
        AlertView v = new AlertView(alert);
        Instant eventTime = v.eventTime();
        ObjectNode doc = Nodes.object();
        doc.put("@timestamp", Nodes.iso(eventTime != null ? eventTime : now));
        doc.putObject("ecs").put("version", ECS_VERSION);
        doc.put("message", v.title());

        ObjectNode event = doc.putObject("event");
        event.put("kind", "alert");
        event.put("id", v.key());
        event.put("created", Nodes.iso(now));
        event.put("module", "sentinelrisk");
        event.put("dataset", "sentinelrisk.alert");
        event.put("provider", alert.source());
        event.put("severity", severity(v.severity()));
        Nodes.putNumber(event, "risk_score", v.score());
        Nodes.putNumber(event, "risk_score_norm", v.risk());
        event.put("reason", v.narrative());

        ObjectNode rule = doc.putObject("rule");
        rule.put("name", v.category() != null ? v.category() : "anomaly");
        Nodes.putIfKnown(rule, "category", v.category());
        rule.put("ruleset", "sentinelrisk");
        rule.put("description", v.narrative());

        ObjectNode observer = doc.putObject("observer");
        observer.put("vendor", Product.VENDOR);
        observer.put("product", Product.NAME);
        observer.put("version", Product.version());
        observer.put("type", "anomaly-detection");

        if (v.host() != null) {
            doc.putObject("host").put("name", v.host());
        }
        if (v.user() != null) {
            doc.putObject("user").put("name", v.user());
        }
        ObjectNode labels = doc.putObject("labels");
        labels.put("severity", v.severity());
        labels.put("is_anomaly", String.valueOf(alert.isAnomaly()));
        Nodes.putIfKnown(labels, "record_id", v.recordId());
        for (AlertView.Fact f : v.facts()) {
            labels.put(f.key(), f.value());
        }

        doc.set("sentinelrisk", Nodes.alert(alert));
        return Nodes.line(doc);
    }

    /** ECS {@code event.severity}: Elastic's detection-rule numbers for low, medium, high, critical. */
    static int severity(String severity) {
        return switch (severity) {
            case "critical" -> 99;
            case "high" -> 73;
            case "medium" -> 47;
            default -> 21;
        };
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public ExportFormat id() {
        return ExportFormat.ECS;
    }
}
