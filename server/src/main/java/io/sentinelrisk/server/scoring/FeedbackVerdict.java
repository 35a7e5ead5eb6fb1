package io.sentinelrisk.server.scoring;

import java.util.Locale;

/** An analyst's verdict on an alert. */
public enum FeedbackVerdict {
    /** The alert was a real problem. */
    TRUE_POSITIVE,
    /** The alert was not a problem: the detector was wrong. */
    FALSE_POSITIVE,
    /**
     * The detector was right that the activity was unusual, but it was harmless (an expected
     * change, a test). Not a true positive: precision counts it among the alerts that needed no action.
     */
    BENIGN;

    /** The verdicts as the API spells them, for messages. */
    public static String choices() {
        return "true_positive, false_positive or benign";
    }

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
