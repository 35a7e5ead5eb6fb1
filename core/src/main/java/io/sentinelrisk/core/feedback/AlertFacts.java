package io.sentinelrisk.core.feedback;

/**
 * What is known of a judged alert from the scored data (a scorecard, an alert store): the facts
 * feedback statistics group and compare by.
 *
 * @param alertId     the alert's id
 * @param category    its category (the business mapping's, else its severity)
 * @param eventMillis when the event happened (epoch ms), or {@link Long#MIN_VALUE} when unknown
 * @param isAnomaly   whether the model flagged it
 */
public record AlertFacts(String alertId, String category, long eventMillis, boolean isAnomaly) {
    public static final long NO_TIME = Long.MIN_VALUE;
}
