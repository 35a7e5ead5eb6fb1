package io.sentinelrisk.core.data;

import java.util.Locale;

/** What a column is for. Only {@code FEATURE} columns reach a detector. */
public enum ColumnRole {
    FEATURE, ID, LABEL, IGNORE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
