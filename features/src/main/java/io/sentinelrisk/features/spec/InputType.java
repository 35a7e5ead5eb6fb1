package io.sentinelrisk.features.spec;

import java.util.Locale;

/** The type a spec gives an input column. */
public enum InputType {
    /** Numbers (read as double); empty = missing. */
    NUMERIC,
    /** Text; empty = missing. */
    STRING,
    /** true/false, t/f, yes/no, y/n, 1/0 (any case); empty = missing. */
    BOOLEAN,
    /** The event time; only the spec's timestamp column has this type. */
    TIMESTAMP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a type name (with a few aliases); null if unknown. */
    public static InputType parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "numeric", "number", "double", "float", "int", "integer" -> NUMERIC;
            case "string", "text", "categorical", "category" -> STRING;
            case "boolean", "bool" -> BOOLEAN;
            case "timestamp", "time", "datetime" -> TIMESTAMP;
            default -> null;
        };
    }
}
