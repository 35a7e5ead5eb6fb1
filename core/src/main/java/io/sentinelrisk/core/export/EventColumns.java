package io.sentinelrisk.core.export;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.io.Timestamps;
import io.sentinelrisk.core.pipeline.Pipeline;

import java.time.Instant;
import java.util.List;

/**
 * Which columns tell an alert's {@code entity} (who or what the record is about) and
 * {@code event_time}: the config's {@code entity_column} / {@code time_column} when set, else the
 * entity key and timestamp of the bundle's feature plan, else none. Resolved once per frame; the
 * per-row lookups read the columns' arrays.
 *
 * @param entityColumns the entity's columns (a feature plan may key entities by several, e.g. user
 *                      and device), empty when unknown
 * @param timeColumn    the event-time column's name, or null when unknown
 */
public record EventColumns(List<String> entityColumns, String timeColumn) {
    public static final EventColumns NONE = new EventColumns(List.of(), null);

    public EventColumns {
        entityColumns = List.copyOf(entityColumns);
    }

    /** The columns a pipeline names (config first, then its feature plan). */
    public static EventColumns of(Pipeline pipeline) {
        List<String> entity = pipeline.config().entityColumn() == null ? List.of() : List.of(pipeline.config().entityColumn());
        String time = pipeline.config().timeColumn();
        if (pipeline.features().isPresent()) {
            var plan = pipeline.features().get().plan();
            if (entity.isEmpty()) {
                Object e = plan.get("entity");
                if (e instanceof String one && !one.isBlank()) {
                    entity = List.of(one);
                } else if (e instanceof List<?> several && !several.isEmpty()) {
                    entity = several.stream().map(String::valueOf).toList();
                }
            }
            if (time == null && plan.get("timestamp") instanceof String t && !t.isBlank()) {
                time = t;
            }
        }
        return new EventColumns(entity, time);
    }

    /** Whether alerts can carry both an entity and an event time. */
    public boolean placesAlerts() {
        return !entityColumns.isEmpty() && timeColumn != null;
    }

    /**
     * The row's entity as text (several columns' values joined by {@code /}), or null when the
     * columns are unknown, absent, or a value is missing.
     */
    public String entity(Frame frame, int row) {
        if (entityColumns.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String name : entityColumns) {
            Column c = frame.column(name);
            if (c == null || c.isMissing(row)) {
                return null;
            }
            sb.append(sb.isEmpty() ? "" : "/").append(c.text(row));
        }
        return sb.toString();
    }

    /**
     * The row's event time in epoch milliseconds, or {@link Long#MIN_VALUE} when unknown: a
     * timestamp column's value, or a text column's value read as a timestamp (numbers are not
     * guessed as epochs: seconds and milliseconds cannot be told apart).
     */
    public long eventMillis(Frame frame, int row) {
        if (timeColumn == null) {
            return Long.MIN_VALUE;
        }
        Column c = frame.column(timeColumn);
        if (c == null || c.isMissing(row)) {
            return Long.MIN_VALUE;
        }
        return switch (c) {
            case Column.Timestamp t -> t.epochMillis()[row];
            case Column.Categorical k -> Timestamps.parse(k.text(row));
            case Column.Numeric n -> Long.MIN_VALUE;
        };
    }

    /** The row's event time as ISO-8601 UTC ({@code 2024-01-01T09:00:00Z}), or null when unknown. */
    public String eventTime(Frame frame, int row) {
        long ms = eventMillis(frame, row);
        return ms == Long.MIN_VALUE ? null : Instant.ofEpochMilli(ms).toString();
    }
}
