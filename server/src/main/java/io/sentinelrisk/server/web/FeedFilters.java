package io.sentinelrisk.server.web;

import io.javalin.http.Context;
import io.sentinelrisk.core.io.Timestamps;
import io.sentinelrisk.server.api.Api;
import io.sentinelrisk.server.store.AlertQuery;

import java.util.ArrayList;
import java.util.List;

/**
 * The feed's filters as the form sends them (empty = any): the same filters as GET /v1/alerts,
 * checked the same way. A bad value is not an error page: the form shows what was wrong and the
 * filter is left out.
 */
public record FeedFilters(String source, String severity, String category, String status, String entity,
                          String from, String to, List<String> problems) {
    /** The known sources of the four generators (the form suggests them; any other name works). */
    public static final List<String> SOURCES = List.of("soc", "transactions", "web-sessions", "metrics");
    public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "info");
    public static final List<String> STATUSES = List.of("open", "acknowledged", "resolved");
    /** Alerts the feed shows at once. */
    public static final int LIMIT = 50;

    public static FeedFilters of(Context ctx) {
        List<String> problems = new ArrayList<>();
        String severity = param(ctx, "severity");
        if (severity != null && !Api.SEVERITIES.contains(severity)) {
            problems.add("severity must be one of " + String.join(", ", SEVERITIES));
            severity = null;
        }
        String status = param(ctx, "status");
        if (status != null && !Api.STATUSES.contains(status)) {
            problems.add("status must be one of " + String.join(", ", STATUSES));
            status = null;
        }
        String from = param(ctx, "from");
        if (from != null && millis(from) == null) {
            problems.add("from must be an ISO-8601 time such as 2024-01-01T00:00:00Z");
            from = null;
        }
        String to = param(ctx, "to");
        if (to != null && millis(to) == null) {
            problems.add("to must be an ISO-8601 time such as 2024-01-01T00:00:00Z");
            to = null;
        }
        return new FeedFilters(param(ctx, "source"), severity, param(ctx, "category"), status, param(ctx, "entity"),
                from, to, List.copyOf(problems));
    }

    /** The query GET /v1/alerts would run for the same filters. */
    public AlertQuery query() {
        return new AlertQuery(severity, category, entity, status, source, millis(from), millis(to), null, LIMIT);
    }

    public boolean any() {
        return source != null || severity != null || category != null || status != null || entity != null || from != null || to != null;
    }

    private static Long millis(String text) {
        if (text == null) {
            return null;
        }
        // a datetime-local input sends 2024-01-01T10:00 (no zone): read it as UTC
        String t = text.length() == 16 && text.charAt(10) == 'T' ? text + ":00Z" : text;
        long ms = Timestamps.parse(t);
        return ms == Long.MIN_VALUE ? null : ms;
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.strip();
        return v.length() > 500 ? v.substring(0, 500) : v;
    }
}
