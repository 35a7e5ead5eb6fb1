package io.sentinelrisk.features.ingest;

import io.sentinelrisk.features.sql.Dialect;

/**
 * One column of an ingested table: its name, the SQL reading it from the raw (text) table, and
 * its type. {@link #strict()} fails on a bad value (fast path); {@link #lenient()} gives null and
 * {@link #bad()} tells which rows were bad, to report the first one.
 */
record TypedColumn(String name, String source, Kind kind, String pattern) {

    enum Kind {
        TEXT, DOUBLE, INTEGER, BOOLEAN, TIMESTAMP, TIMESTAMP_PATTERN, EXPRESSION
    }

    static TypedColumn text(String name, String rawColumn) {
        return new TypedColumn(name, Dialect.quote(rawColumn), Kind.TEXT, null);
    }

    static TypedColumn dbl(String name, String rawColumn) {
        return new TypedColumn(name, Dialect.quote(rawColumn), Kind.DOUBLE, null);
    }

    static TypedColumn integer(String name, String rawColumn) {
        return new TypedColumn(name, Dialect.quote(rawColumn), Kind.INTEGER, null);
    }

    static TypedColumn bool(String name, String rawColumn) {
        return new TypedColumn(name, Dialect.quote(rawColumn), Kind.BOOLEAN, null);
    }

    static TypedColumn timestamp(String name, String rawColumn) {
        return new TypedColumn(name, Dialect.quote(rawColumn), Kind.TIMESTAMP, null);
    }

    static TypedColumn timestamp(String name, String rawColumn, String strptime) {
        return new TypedColumn(name, Dialect.quote(rawColumn), Kind.TIMESTAMP_PATTERN, strptime);
    }

    /** A computed column that cannot fail (e.g. a row number or a constant). */
    static TypedColumn expression(String name, String sql) {
        return new TypedColumn(name, sql, Kind.EXPRESSION, null);
    }

    String description() {
        return switch (kind) {
            case DOUBLE -> "a number";
            case INTEGER -> "an integer";
            case BOOLEAN -> "true/false";
            case TIMESTAMP -> "a timestamp like 2024-01-31 13:45:00";
            case TIMESTAMP_PATTERN -> "a timestamp in the format " + pattern;
            default -> "text";
        };
    }

    String strict() {
        String t = "CAST(" + source + " AS VARCHAR)";
        return switch (kind) {
            case TEXT -> t;
            case DOUBLE -> "CAST(NULLIF(trim(" + t + "), '') AS DOUBLE)";
            case INTEGER -> "CAST(NULLIF(trim(" + t + "), '') AS BIGINT)";
            case BOOLEAN -> "CASE WHEN NULLIF(trim(" + t + "), '') IS NULL THEN NULL ELSE CAST(trim(" + t + ") AS BOOLEAN) END";
            case TIMESTAMP -> "CAST(NULLIF(trim(" + t + "), '') AS TIMESTAMP)";
            case TIMESTAMP_PATTERN -> "strptime(NULLIF(trim(" + t + "), ''), " + Dialect.literal(pattern) + ")";
            case EXPRESSION -> source;
        };
    }

    String lenient() {
        String t = "CAST(" + source + " AS VARCHAR)";
        return switch (kind) {
            case TEXT -> t;
            case DOUBLE -> "TRY_CAST(trim(" + t + ") AS DOUBLE)";
            case INTEGER -> "TRY_CAST(trim(" + t + ") AS BIGINT)";
            case BOOLEAN -> "TRY_CAST(trim(" + t + ") AS BOOLEAN)";
            case TIMESTAMP -> "TRY_CAST(trim(" + t + ") AS TIMESTAMP)";
            case TIMESTAMP_PATTERN -> "TRY_STRPTIME(trim(" + t + "), " + Dialect.literal(pattern) + ")";
            case EXPRESSION -> source;
        };
    }

    /** Condition: the raw value is present but does not convert. */
    String bad() {
        if (kind == Kind.TEXT || kind == Kind.EXPRESSION) {
            return "FALSE";
        }
        return "NULLIF(trim(CAST(" + source + " AS VARCHAR)), '') IS NOT NULL AND " + lenient() + " IS NULL";
    }
}
