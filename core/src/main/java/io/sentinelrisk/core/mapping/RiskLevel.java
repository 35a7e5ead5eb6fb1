package io.sentinelrisk.core.mapping;

import java.util.Locale;

/** A category's business risk, as the mapping file names it (the same words as the severity bands but {@code low}). */
enum RiskLevel {
    LOW, MEDIUM, HIGH, CRITICAL;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RiskLevel parse(String text) {
        for (RiskLevel r : values()) {
            if (r.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        return null;
    }
}
