package io.sentinelrisk.server.scoring;

import java.util.Locale;

/** An analyst's verdict on an alert. */
public enum FeedbackVerdict {
    /** The alert was a real problem. */
    TRUE_POSITIVE,
    /** The alert was not a problem. */
    FALSE_POSITIVE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FeedbackVerdict parse(String text) {
        for (FeedbackVerdict v : values()) {
            if (v.id().equals(text)) {
                return v;
            }
        }
        return null;
    }
}
