package io.sentinelrisk.server.store;

/** An ingested event as stored: the idempotency record and the entity's risk history. */
public record EventRow(String eventId, String entity, Long eventTime, long receivedAt, double score, double risk,
                       String severity, boolean isAnomaly, String alertId, String modelVersion) {
}
