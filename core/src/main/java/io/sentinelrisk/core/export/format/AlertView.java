package io.sentinelrisk.core.export.format;

import io.sentinelrisk.core.codec.Json;
import io.sentinelrisk.core.export.Alert;
import io.sentinelrisk.core.export.Explanation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every format reads from an {@link Alert}, in one place: each field the formats render
 * (a stable key, a title, the event time, entity, host, user, category…) is derived here once, so
 * a field added to the alert is mapped here and every format that has a slot for it shows it.
 * Every string returned is data from the scored event: formats escape it, never interpret it.
 */
public final class AlertView {
    /** Feature columns whose value names the host (case-insensitive), when the alert has no better source. */
    static final List<String> HOST_COLUMNS = List.of("host", "hostname", "host_name", "device", "computer");
    /** Feature columns whose value names the user (case-insensitive). */
    static final List<String> USER_COLUMNS = List.of("user", "username", "user_name", "user_id", "account");

    /** Feature columns whose ISO-8601 value is the event's time (case-insensitive). */
    static final List<String> TIME_COLUMNS = List.of("event_time", "timestamp", "@timestamp", "time");

    private final Alert alert;

    public AlertView(Alert alert) {
        this.alert = alert;
    }

    public Alert alert() {
        return alert;
    }

    /**
     * A stable identifier of the alert: its {@code alert_id} (the same model scoring the same event
     * gives the same id), else a digest of its source and record; either way the same record always
     * gets the same key (so a receiver deduplicates retries), and it carries no event text.
     */
    public String key() {
        if (alert.alertId() != null && !alert.alertId().isEmpty()) {
            return "sr-" + alert.alertId();
        }
        String natural = alert.source() + '\u0000' + (alert.id() != null ? "id:" + alert.id() : "row:" + alert.row());
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(natural.getBytes(StandardCharsets.UTF_8));
            return "sr-" + HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public String severity() {
        return alert.severity();
    }

    public double risk() {
        return alert.risk();
    }

    public double score() {
        return alert.score();
    }

    /** The reasons in words, or a fixed text when the record has none. */
    public String narrative() {
        String n = alert.narrative();
        return n == null || n.isBlank() ? "no deviating feature" : n;
    }

    /** The alert's category (business mapping), or null when the model has none. */
    public String category() {
        return alert.business() == null ? null : alert.business().category();
    }

    /**
     * When the scored event happened: a feature column named like a time ({@link #TIME_COLUMNS})
     * holding an ISO-8601 instant ({@code 2024-01-28T16:33:09Z}, or with an offset); else null, and
     * the formats use the time of writing.
     */
    public Instant eventTime() {
        String text = alert.eventTime() != null ? alert.eventTime() : column(TIME_COLUMNS);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The entity the event is about (user, card, host…), or null when unknown. */
    public String entity() {
        return alert.entity();
    }

    /** What to do about it (business mapping), or null. */
    public String recommendedAction() {
        return alert.business() == null ? null : alert.business().recommendedAction();
    }

    /**
     * One optional fact about the alert, for formats that list extra fields (ECS labels, HEC
     * fields, PagerDuty custom details, Slack fields, CEF custom strings).
     *
     * @param key   snake_case name
     * @param label the name for people
     * @param value the value as text
     */
    public record Fact(String key, String label, String value) {
    }

    /**
     * The alert's optional facts that are known, in display order. A field added to the alert is
     * listed here once and every format that lists facts shows it.
     */
    public List<Fact> facts() {
        List<Fact> out = new ArrayList<>();
        add(out, "entity", "Entity", entity());
        add(out, "category", "Category", category());
        add(out, "recommended_action", "Recommended action", recommendedAction());
        return out;
    }

    private static void add(List<Fact> out, String key, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.add(new Fact(key, label, value));
        }
    }

    /** The host the event is about: a feature column named like a host ({@link #HOST_COLUMNS}), or null. */
    public String host() {
        return column(HOST_COLUMNS);
    }

    /** The user the event is about: a feature column named like a user ({@link #USER_COLUMNS}), or null. */
    public String user() {
        return column(USER_COLUMNS);
    }

    /** The record's id column value as text (several id columns: their JSON object), or null. */
    public String recordId() {
        Object id = alert.id();
        if (id == null) {
            return null;
        }
        return id instanceof String || id instanceof Number || id instanceof Boolean ? String.valueOf(id) : Json.line(id);
    }

    /** A one-line title: severity, risk and the strongest reason's feature. */
    public String title() {
        StringBuilder sb = new StringBuilder();
        String category = category();
        sb.append(category != null ? category : "Anomaly").append(" (").append(severity())
                .append(", risk ").append(formatRisk(risk())).append(')');
        List<Explanation> reasons = alert.reasons();
        if (!reasons.isEmpty()) {
            Explanation top = reasons.get(0);
            sb.append(": ").append(top.feature()).append(' ').append(top.direction());
            if (!"normal".equals(top.direction())) {
                sb.append(" normal");
            }
        }
        String entity = entity();
        if (entity != null) {
            sb.append(" for ").append(entity);
        }
        return sb.toString();
    }

    static String formatRisk(double risk) {
        if (!Double.isFinite(risk)) {
            return "n/a";
        }
        return risk == Math.rint(risk) ? String.format(Locale.ROOT, "%.0f", risk) : String.format(Locale.ROOT, "%.2f", risk)
                .replaceAll("0$", "");
    }

    private String column(List<String> names) {
        for (Map.Entry<String, Object> e : alert.features().entrySet()) {
            if (e.getValue() != null && names.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                String v = String.valueOf(e.getValue());
                if (!v.isBlank()) {
                    return v;
                }
            }
        }
        return null;
    }
}
