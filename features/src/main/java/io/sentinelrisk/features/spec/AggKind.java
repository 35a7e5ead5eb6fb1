package io.sentinelrisk.features.spec;

import java.util.Locale;

/** The aggregates a feature can compute over a window of the entity's history. */
public enum AggKind {
    COUNT, SUM, MEAN, STD, MIN, MAX, DISTINCT_COUNT, QUANTILE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** null if unknown. */
    public static AggKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "avg", "average" -> MEAN;
            case "stddev", "stdev" -> STD;
            case "count_distinct", "distinct" -> DISTINCT_COUNT;
            case "percentile" -> QUANTILE;
            default -> {
                for (AggKind k : values()) {
                    if (k.id().equals(t)) {
                        yield k;
                    }
                }
                yield null;
            }
        };
    }
}
