package io.sentinelrisk.core.export.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentinelrisk.core.export.Alert;

import java.time.Instant;

/**
 * Splunk HTTP Event Collector event, for {@code POST /services/collector/event}.
 *
 * <p>Spec: Splunk Enterprise "Format events for HTTP Event Collector"
 * (https://docs.splunk.com/Documentation/Splunk/latest/Data/FormateventsforHTTPEventCollector).
 * {@code event} is required; {@code time} is epoch seconds (a decimal with milliseconds);
 * {@code host}, {@code source}, {@code sourcetype}, {@code index} are optional metadata;
 * {@code fields} are indexed fields and hold flat string values. Several events may be sent in
 * one request, one JSON object after the other (the export file writes one per line).
 *
 * @param sourcetype the sourcetype to tag events with
 * @param index      the Splunk index, or null for the token's default
 */
public record HecFormat(String sourcetype, String index) implements AlertFormat {
    public static final String DEFAULT_SOURCETYPE = "sentinelrisk:alert";

    public HecFormat {
        if (sourcetype == null || sourcetype.isBlank()) {
            sourcetype = DEFAULT_SOURCETYPE;
        }
    }

    public HecFormat() {
        this(DEFAULT_SOURCETYPE, null);
    }

    @Override
    public String render(Alert alert, Instant now) {
        AlertView v = new AlertView(alert);
        Instant eventTime = v.eventTime();
        ObjectNode e = Nodes.object();
        e.put("time", Nodes.epochSeconds(eventTime != null ? eventTime : now));
        Nodes.putIfKnown(e, "host", v.host());
        e.put("source", "sentinelrisk");
        e.put("sourcetype", sourcetype);
        Nodes.putIfKnown(e, "index", index);
        e.set("event", Nodes.alert(alert));
        ObjectNode fields = e.putObject("fields");
        fields.put("severity", v.severity());
        fields.put("alert_key", v.key());
        fields.put("input", alert.source());
        for (AlertView.Fact f : v.facts()) {
            fields.put(f.key(), f.value());
        }
        return Nodes.line(e);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public ExportFormat id() {
        return ExportFormat.HEC;
    }
}
