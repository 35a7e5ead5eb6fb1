package io.sentinelrisk.core.export;

import io.sentinelrisk.core.data.Column;
import io.sentinelrisk.core.data.Frame;
import io.sentinelrisk.core.io.Timestamps;
import io.sentinelrisk.core.pipeline.Pipeline;

import java.time.Instant;

/**
 * Which columns tell an alert's {@code entity} (who or what the record is about) and
 * {@code event_time}: the config's {@code entity_column} / {@code time_column} when set, else the
 * entity key and timestamp of the bundle's feature plan, else none. Resolved once per frame; the
 * per-row lookups read the columns' arrays.
 *
 * @param entityColumn the entity column's name, or null when unknown
 * @param timeColumn   the event-time column's name, or null when unknown
 */
public record EventColumns(String entityColumn, String timeColumn) {
    public static final EventColumns NONE = new EventColumns(null, null);

    /** The columns a pipeline names (config first, then its feature plan). */
    public static EventColumns of(Pipeline pipeline) {
        String entity = pipeline.config().entityColumn();
        String time = pipeline.config().timeColumn();
        if (pipeline.features().isPresent()) {
            var plan = pipeline.features().get().plan();
            if (entity == null && plan.get("entity") instanceof String e && !e.isBlank()) {
                entity = e;
            }
            if (time == null && plan.get("timestamp") instanceof String t && !t.isBlank()) {
                time = t;
            }
        }
        return new EventColumns(entity, time);
    }

    /** The row's entity as text, or null when the column is unknown, absent or the value missing. */
    public String entity(Frame frame, int row) {
        if (entityColumn == null) {
            return null;
        }
        Column c = frame.column(entityColumn);
        return c == null || c.isMissing(row) ? null : c.text(row);
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
