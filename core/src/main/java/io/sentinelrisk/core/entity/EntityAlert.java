package io.sentinelrisk.core.entity;

import io.sentinelrisk.core.calibrate.Severity;

/**
 * An alert as entity risk and incident linking see it: whose, when, how risky, of what kind.
 *
 * @param alertId     the alert's id
 * @param row         its row in the scored input (orders alerts at the same instant)
 * @param entity      who or what it is about, or null when unknown
 * @param eventMillis when it happened (epoch ms), or {@link #NO_TIME}
 * @param risk        0–100
 * @param severity    its severity
 * @param category    what kind of alert: the business mapping's category, else the severity's name
 */
public record EntityAlert(String alertId, int row, String entity, long eventMillis, double risk, Severity severity,
                          String category) {
    public static final long NO_TIME = Long.MIN_VALUE;

    /** Whether it can be placed: an entity and an event time. */
    public boolean placed() {
        return entity != null && !entity.isEmpty() && eventMillis != NO_TIME;
    }
}
