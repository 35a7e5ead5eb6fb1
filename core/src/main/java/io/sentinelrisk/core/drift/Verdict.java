package io.sentinelrisk.core.drift;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How far a column has moved from training, by its PSI (docs/drift.md): below 0.1 stable, below
 * 0.25 moderate, else significant — the usual reading of the population stability index in credit
 * scoring and model monitoring. Fewer rows than {@link DriftAnalysis#MIN_ROWS} give no verdict.
 */
public enum Verdict {
    INSUFFICIENT_DATA, STABLE, MODERATE, SIGNIFICANT;

    public static final double MODERATE_AT = 0.1;
    public static final double SIGNIFICANT_AT = 0.25;

    static Verdict of(double psi) {
        return psi >= SIGNIFICANT_AT ? SIGNIFICANT : psi >= MODERATE_AT ? MODERATE : STABLE;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
