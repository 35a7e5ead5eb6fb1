package io.sentinelrisk.core.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An analyst's verdict on an alert (docs/feedback.md). */
public enum Verdict {
    /** A real threat: the alert was right. */
    TRUE_POSITIVE,
    /** Nothing happened: the alert was wrong. */
    FALSE_POSITIVE,
    /** Something odd did happen but it is harmless (a planned migration, a pen test): not a threat. */
    BENIGN,
    /** The analyst could not tell: counted in volumes, never as a label. */
    UNKNOWN;

    /** As written in feedback files: {@code true_positive}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** 1 for a threat, 0 for no threat (false positive or benign), -1 for unknown. */
    public int label() {
        return switch (this) {
            case TRUE_POSITIVE -> 1;
            case FALSE_POSITIVE, BENIGN -> 0;
            case UNKNOWN -> -1;
        };
    }

    /** The verdict written as {@code text}, or null when it names none. */
    public static Verdict parse(String text) {
        for (Verdict v : values()) {
            if (v.id().equals(text)) {
                return v;
            }
        }
        return null;
    }

    public static List<String> ids() {
        List<String> out = new ArrayList<>();
        for (Verdict v : values()) {
            out.add(v.id());
        }
        return out;
    }
}
