package io.sentinelrisk.server.delivery;

import java.util.Locale;

/** How a delivery ended. */
public enum DeliveryStatus {
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Not delivered: retries exhausted, refused by the receiver, queue full, or pending at shutdown. */
    DEAD_LETTER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus byId(String id) {
        for (DeliveryStatus s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
