package io.sentinelrisk.server.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One alert as the feed and the alert page show it, read from the API's JSON view of the alert
 * (the one Alert shape plus the server's fields), so the pages show exactly what the REST API
 * answers. Text fields hold event data: templates print them escaped, and links are built here
 * from server paths with the value URL-encoded, never from a field as it is.
 */
public record AlertCard(String id, String entity, String source, String eventTime, String createdAt, double risk,
                        String severity, String category, String status, String assignee, String narrative,
                        String action, Integer slaMinutes, Long slaDeadline, Double cost, String currency,
                        List<String> escalation, String modelVersion) {

    public static AlertCard of(JsonNode a) {
        JsonNode b = a.path("business");
        Integer sla = b.path("sla_minutes").isNumber() ? b.path("sla_minutes").asInt() : null;
        String created = text(a, "created_at");
        Long deadline = sla == null || created == null ? null : Instant.parse(created).toEpochMilli() + sla * 60_000L;
        List<String> escalation = new ArrayList<>();
        b.path("escalation").forEach(e -> escalation.add(e.asText()));
        String narrative = text(b, "narrative") != null ? text(b, "narrative") : text(a, "narrative");
        return new AlertCard(text(a, "alert_id"), text(a, "entity"), text(a, "source"), text(a, "event_time"), created,
                a.path("risk").asDouble(), text(a, "severity"), text(a, "category"), text(a, "status"), text(a, "assignee"),
                narrative, text(b, "recommended_action"), sla, deadline,
                b.path("estimated_cost").isNumber() ? b.path("estimated_cost").asDouble() : null, text(b, "currency"),
                escalation, text(a, "model_version"));
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    /** The alert's page. */
    public String link() {
        return "/alerts/" + enc(id);
    }

    /** The entity's page, or null when the alert has no entity. */
    public String entityLink() {
        return entity == null ? null : Links.entity(entity);
    }

    public String riskText() {
        return String.format(java.util.Locale.ROOT, "%.1f", risk);
    }

    /** The SLA as words at {@code now}: time left, or how long ago it was breached; null without an SLA. */
    public String slaText(long now) {
        if (slaDeadline == null) {
            return null;
        }
        long left = slaDeadline - now;
        if ("resolved".equals(status)) {
            return "resolved (SLA " + slaMinutes + " min)";
        }
        return left >= 0 ? Links.duration(left) + " left of " + slaMinutes + " min" : "breached " + Links.duration(-left) + " ago";
    }

    public boolean slaBreached(long now) {
        return slaDeadline != null && now > slaDeadline && !"resolved".equals(status);
    }

    public String costText() {
        if (cost == null) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "%,.0f %s", cost, currency == null ? "" : currency).trim();
    }

    static String enc(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
