package io.sentinelrisk.server.store;

/** An analyst's verdict on an alert. */
public record FeedbackRow(long seq, String id, String alertId, String verdict, String note, String author, long createdAt) {
}
