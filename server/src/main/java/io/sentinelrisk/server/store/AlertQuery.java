package io.sentinelrisk.server.store;

/**
 * Filters of {@code GET /v1/alerts}; null = any. Times are epoch milliseconds of the event time
 * ({@code from} inclusive, {@code to} exclusive). {@code before} is the paging cursor: only
 * alerts older (smaller seq) than it.
 */
public record AlertQuery(String severity, String category, String entity, String status, String source,
                         Long from, Long to, Long before, int limit) {
}
