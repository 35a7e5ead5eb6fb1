package io.sentinelrisk.server.delivery;

import io.sentinelrisk.core.calibrate.Severity;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.format.AlertFormat;
import io.sentinelrisk.core.export.format.AlertView;
import io.sentinelrisk.core.export.format.CefFormat;
import io.sentinelrisk.core.export.format.EcsFormat;
import io.sentinelrisk.core.export.format.ExportFormat;
import io.sentinelrisk.core.export.format.HecFormat;
import io.sentinelrisk.core.export.format.JsonAlertFormat;
import io.sentinelrisk.core.export.format.OcsfFormat;
import io.sentinelrisk.core.export.format.PagerDutyFormat;
import io.sentinelrisk.core.export.format.SlackFormat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One delivery target: where alerts go, in which format, which ones.
 *
 * @param name        the route's name (in the delivery log; never a secret)
 * @param url         the receiver (http or https); may hold a secret (a Slack webhook's path), so it is never logged
 * @param format      the payload format
 * @param minSeverity alerts below it are not sent
 * @param categories  alert categories sent; empty = all
 * @param headers     extra request headers (values may be secrets from the environment)
 * @param timeout     connect and response timeout of one attempt
 * @param routingKey  the PagerDuty integration key (pagerduty format only; a secret)
 * @param sourcetype  the Splunk sourcetype (hec format; null = default)
 * @param index       the Splunk index (hec format; null = the token's default)
 */
public record DeliveryRoute(String name, URI url, ExportFormat format, Severity minSeverity, Set<String> categories,
                           Map<String, String> headers, Duration timeout, String routingKey, String sourcetype, String index) {
    public DeliveryRoute {
        categories = Set.copyOf(categories);
        headers = Map.copyOf(headers);
        if (format == ExportFormat.PAGERDUTY && (routingKey == null || routingKey.isBlank())) {
            throw new IllegalArgumentException("route " + name + ": the pagerduty format needs routing_key");
        }
    }

    /** True when the route takes this alert: severity at least the minimum, category in the filter (if any). */
    public boolean accepts(Alert alert) {
        Severity s;
        try {
            s = Severity.valueOf(alert.severity().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (s.ordinal() < minSeverity.ordinal()) {
            return false;
        }
        if (categories.isEmpty()) {
            return true;
        }
        String category = new AlertView(alert).category();
        return category != null && categories.contains(category);
    }

    /** The formatter of this route, with its settings. */
    public AlertFormat formatter() {
        return switch (format) {
            case JSON -> new JsonAlertFormat();
            case ECS -> new EcsFormat();
            case OCSF -> new OcsfFormat();
            case CEF -> new CefFormat();
            case HEC -> new HecFormat(sourcetype, index);
            case SLACK -> new SlackFormat();
            case PAGERDUTY -> new PagerDutyFormat(routingKey);
        };
    }

    /** Values that must never appear in logs or stored errors: header values, the routing key, the URL's path and query. */
    List<String> secrets() {
        List<String> out = new ArrayList<>(headers.values());
        if (routingKey != null) {
            out.add(routingKey);
        }
        if (url.getRawPath() != null && url.getRawPath().length() > 1) {
            out.add(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            out.add(url.getRawQuery());
        }
        return out;
    }

    /** {@code text} with every secret of the route replaced by {@code ***}. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets()) {
            if (s.length() >= 4) {
                out = out.replace(s, "***");
            }
        }
        return out;
    }

    /** Names only: a route printed in a log shows no secret. */
    @Override
    public String toString() {
        return "DeliveryRoute[" + name + ", " + format.id() + ", " + url.getScheme() + "://" + url.getHost()
                + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/…, min_severity " + minSeverity.id()
                + ", categories " + categories + ", headers " + headers.keySet() + "]";
    }
}
