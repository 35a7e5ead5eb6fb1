package io.sentinelrisk.server.scoring;

import io.sentinelrisk.core.data.ColumnRole;
import io.sentinelrisk.core.data.ColumnType;
import io.sentinelrisk.core.data.Field;
import io.sentinelrisk.core.pipeline.Pipeline;
import io.sentinelrisk.core.pipeline.ColumnRoles;

/**
 * Which fields of an event name its entity (who or what it is about) and its event time: the
 * serve options when given, else the bundle's feature plan (its entity key and timestamp), else
 * the model's first categorical id column and first timestamp column. Either may be null when
 * the model has no such column; then events are stored without it.
 *
 * @param entity the entity field, or null
 * @param time   the event-time field, or null
 */
public record EventFields(String entity, String time) {
    /** The idempotency key every ingested event carries. */
    public static final String EVENT_ID = "event_id";

    public static EventFields resolve(Pipeline pipeline, String entityOverride, String timeOverride) {
        String entity = entityOverride;
        String time = timeOverride;
        if (pipeline.features().isPresent()) {
            var plan = pipeline.features().get().plan();
            if (entity == null && plan.get("entity") instanceof String e && !e.isBlank()) {
                entity = e;
            }
            if (entity == null && plan.get("entity") instanceof java.util.List<?> l && l.size() == 1) {
                entity = String.valueOf(l.get(0));
            }
            if (time == null && plan.get("timestamp") instanceof String t && !t.isBlank()) {
                time = t;
            }
        }
        for (Field f : pipeline.inputSchema().fields()) {
            if (entity == null && f.role() == ColumnRole.ID && f.type() == ColumnType.CATEGORICAL
                    && !f.name().equals(EVENT_ID) && !looksLikeRecordId(f.name())) {
                entity = f.name();
            }
            if (time == null && f.type() == ColumnType.TIMESTAMP) {
                time = f.name();
            }
        }
        return new EventFields(entity, time);
    }

    /** Names of per-record ids (transaction_id, session_id…), which are not entities. */
    private static boolean looksLikeRecordId(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return ColumnRoles.isIdentifierName(name) && (n.contains("event") || n.contains("transaction")
                || n.contains("session") || n.contains("request") || n.equals("id"));
    }
}
