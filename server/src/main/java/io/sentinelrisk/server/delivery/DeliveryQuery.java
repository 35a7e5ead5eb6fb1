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

    /**
     * The query of {@code GET /v1/deliveries?status=&route=&cursor=&limit=} from its raw parameters
     * (null = not given).
     *
     * @throws InvalidParameter naming the parameter and what was expected
     */
    public static DeliveryQuery of(String status, String route, String cursor, String limit) {
        DeliveryStatus s = null;
        if (status != null) {
            s = DeliveryStatus.byId(status);
            if (s == null) {
                throw new InvalidParameter("status", "expected delivered or dead_letter");
            }
        }
        if (route != null && !route.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new InvalidParameter("route", "expected a route name (1-100 letters, digits, '_', '.', '-')");
        }
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                before = -1L;
            }
            if (before < 1) {
                throw new InvalidParameter("cursor", "expected the next_cursor of a previous page");
            }
        }
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                throw new InvalidParameter("limit", "expected a whole number from 1 to " + MAX_LIMIT);
            }
        }
        return new DeliveryQuery(s, route, before, n);
    }

    /** A query parameter that is not valid; the message says what was expected, never echoes the value. */
    public static final class InvalidParameter extends IllegalArgumentException {
        private final String parameter;

        InvalidParameter(String parameter, String expected) {
            super(parameter + ": " + expected);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }
}
