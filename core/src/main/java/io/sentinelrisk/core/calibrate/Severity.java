package io.sentinelrisk.core.calibrate;

import java.util.Locale;

/** How bad a record is, by where its score falls in the training distribution. */
public enum Severity {
    INFO, MEDIUM, HIGH, CRITICAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
