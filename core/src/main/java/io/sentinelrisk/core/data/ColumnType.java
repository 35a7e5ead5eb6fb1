package io.sentinelrisk.core.data;

import java.util.Locale;

/** How a column's values are understood. */
public enum ColumnType {
    /** Numbers, stored as {@code double}; missing = NaN. */
    NUMERIC,
    /** Labels from a finite set, dictionary-coded as {@code int}; missing = -1. */
    CATEGORICAL,
    /** true/false, yes/no, 1/0; stored as 0.0/1.0 in a numeric column; missing = NaN. */
    BOOLEAN,
    /** Instants, stored as {@code long} epoch milliseconds (UTC); missing = Long.MIN_VALUE. */
    TIMESTAMP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ColumnType parse(String text) {
        for (ColumnType t : values()) {
            if (t.id().equalsIgnoreCase(text.trim())) {
                return t;
            }
        }
        return null;
    }
}
