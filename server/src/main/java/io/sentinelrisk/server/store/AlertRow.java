package io.sentinelrisk.server.store;

/**
 * A stored alert: the alert as JSON ({@code body}, the one Alert shape) and the workflow columns
 * the server keeps beside it.
 */
public record AlertRow(long seq, String id, String eventId, String entity, Long eventTime, long createdAt,
                       String severity, String category, String source, String status, String assignee,
                       long updatedAt, double risk, double score, String modelVersion, String body) {
}
