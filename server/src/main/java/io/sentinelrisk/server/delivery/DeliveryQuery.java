package io.sentinelrisk.server.delivery;

/**
 * A page of the delivery log, newest first.
 *
 * @param status only this status, or null for all
 * @param route  only this route, or null for all
 * @param before only ids below this (the previous page's {@code next_cursor}), or null for the newest
 * @param limit  at most this many (1 to {@link #MAX_LIMIT})
 */
public record DeliveryQuery(DeliveryStatus status, String route, Long before, int limit) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public DeliveryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", found " + limit);
        }
    }

    public static DeliveryQuery newest(int limit) {
        return new DeliveryQuery(null, null, null, limit);
    }
}
