package io.sentinelrisk.core.export;

/**
 * Where an alerted record came from.
 *
 * @param alertId   the alert's stable id ({@link AlertIds})
 * @param source    the input (file name, {@code --record}, a topic…)
 * @param row       0-based position of the record among the input's records
 * @param line      the input line where the record starts, or null if unknown (generated data)
 * @param id        the id column's value, an ordered map of them when there are several, or null
 * @param entity    who or what the record is about ({@link EventColumns}), or null when unknown
 * @param eventTime when the event happened, ISO-8601 UTC, or null when unknown
 * @param label     the given label (1 = anomaly), or null without labels
 */
public record AlertOrigin(String alertId, String source, int row, Long line, Object id, String entity, String eventTime,
                          Integer label) {
    public AlertOrigin {
        if (alertId == null || alertId.isEmpty()) {
            throw new IllegalArgumentException("an alert needs an id");
        }
    }
}
