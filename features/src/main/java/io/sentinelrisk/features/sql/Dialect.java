package io.sentinelrisk.features.sql;

import java.util.Locale;

/** The SQL engines a spec compiles for, and the few places where they differ. */
public enum Dialect {
    DUCKDB, POSTGRESQL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String doubleType() {
        return this == DUCKDB ? "DOUBLE" : "DOUBLE PRECISION";
    }

    public String textType() {
        return this == DUCKDB ? "VARCHAR" : "TEXT";
    }

    /** DuckDB has DISTINCT and quantile as window aggregates; PostgreSQL needs a subquery. */
    public boolean windowedDistinctAndQuantile() {
        return this == DUCKDB;
    }

    /** {@code INTERVAL '7 days'}: spelled in whole units so both engines read it the same. */
    public static String interval(long millis) {
        if (millis % 86_400_000L == 0) {
            long d = millis / 86_400_000L;
            return "INTERVAL '" + d + (d == 1 ? " day'" : " days'");
        }
        if (millis % 3_600_000L == 0) {
            long h = millis / 3_600_000L;
            return "INTERVAL '" + h + (h == 1 ? " hour'" : " hours'");
        }
        if (millis % 60_000L == 0) {
            long m = millis / 60_000L;
            return "INTERVAL '" + m + (m == 1 ? " minute'" : " minutes'");
        }
        if (millis % 1_000L == 0) {
            long s = millis / 1_000L;
            return "INTERVAL '" + s + (s == 1 ? " second'" : " seconds'");
        }
        return "INTERVAL '" + millis + (millis == 1 ? " millisecond'" : " milliseconds'");
    }

    /** A double-quoted identifier. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A single-quoted string literal. */
    public static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}
