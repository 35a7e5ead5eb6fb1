package io.sentinelrisk.features.plan;

/** The type of a checked expression. Numbers are doubles everywhere; null is NaN in Java, NULL in SQL. */
public enum Ty {
    NUM, STR, BOOL, TIME;

    public String describe() {
        return switch (this) {
            case NUM -> "a number";
            case STR -> "text";
            case BOOL -> "a condition";
            case TIME -> "the event time";
        };
    }
}
